package com.keystone.crm.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import com.keystone.crm.platform.contracts.TopicCatalogue;
import com.keystone.crm.platform.contracts.TopicSpec;

/** The shared broker comes up with every catalogue topic as topics.json says, before any test touches it. */
class TestKafkaTopicsTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    @Test
    void every_catalogue_topic_is_live_with_its_partitions_retention_and_cleanup_policy() throws Exception {
        TestKafka kafka = CrmTestEnvironment.get().kafka();
        assertThat(kafka.catalogueReport().hasDrift()).isFalse();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> names = CATALOGUE.topicNames();
            Map<String, TopicDescription> live = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : CATALOGUE.topics()) {
                assertThat(live.get(spec.topic()).partitions()).as(spec.topic()).hasSize(spec.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.topic()));
                assertThat(config.get("retention.ms").value()).as(spec.topic()).isEqualTo(Long.toString(spec.retentionMs()));
                assertThat(config.get("cleanup.policy").value()).as(spec.topic()).isEqualTo("delete");
            }
        }
    }

    @Test
    void a_test_only_topic_is_created_with_its_partition_count() throws Exception {
        TestKafka kafka = CrmTestEnvironment.get().kafka();

        kafka.createTopics(4, "testkit.only-a", "testkit.only-b");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> live = admin.describeTopics(List.of("testkit.only-a", "testkit.only-b"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(live.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(4));
        }
        assertThat(kafka.createTopics(4, "testkit.only-a").changedNothing()).as("idempotent").isTrue();
    }
}
