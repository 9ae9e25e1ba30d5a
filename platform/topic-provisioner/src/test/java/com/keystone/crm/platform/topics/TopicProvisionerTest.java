package com.keystone.crm.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.keystone.crm.platform.contracts.TopicCatalogue;
import com.keystone.crm.platform.contracts.TopicSpec;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * The provisioner against a real KRaft broker with auto-creation off: the catalogue's topics as the catalogue says,
 * a second run that changes nothing, and drift (more partitions reported; fewer increased; a wrong retention
 * altered).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicProvisionerTest {

    private static EmbeddedKafkaBroker broker;
    private static String bootstrap;
    private static Admin admin;
    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("auto.create.topics.enable", "false");
                    p.put("num.partitions", "1");
                })
                .start();
        String first = broker.getAdvertisedListeners().split(",")[0];
        bootstrap = first.substring(first.indexOf("://") + 3);
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(properties);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1) // on an empty broker: every catalogue topic is created by this run
    void the_live_topics_match_the_catalogue_and_a_second_run_changes_nothing() throws Exception {
        ProvisioningReport first = CatalogueTopics.provision(bootstrap);

        assertThat(first.created()).containsExactlyElementsOf(CATALOGUE.topicNames());
        assertThat(first.hasDrift()).isFalse();
        Map<String, TopicDescription> live = admin.describeTopics(CATALOGUE.topicNames()).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(CATALOGUE.topicNames().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        for (TopicSpec spec : CATALOGUE.topics()) {
            TopicDescription description = live.get(spec.topic());
            assertThat(description.partitions()).as(spec.topic() + " partitions").hasSize(spec.partitions());
            assertThat(description.partitions()).as(spec.topic() + " leaders")
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.topic()));
            assertThat(config.get("retention.ms").value()).as(spec.topic() + " retention.ms").isEqualTo(Long.toString(spec.retentionMs()));
            assertThat(config.get("cleanup.policy").value()).as(spec.topic() + " cleanup.policy").isEqualTo("delete");
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
        // what the issue was about: lead topics 6 partitions, dead letters kept 30 days
        assertThat(live.get("lead.created").partitions()).hasSize(6);
        assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "lead-service.dlq")).get("retention.ms").value())
                .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));

        ProvisioningReport second = CatalogueTopics.provision(bootstrap);
        assertThat(second.changedNothing()).isTrue();
        assertThat(second.unchanged()).containsExactlyElementsOf(CATALOGUE.topicNames());
        assertThat(second.hasDrift()).isFalse();
        assertThat(second.toText()).startsWith("topics: 0 created, 0 altered, " + CATALOGUE.topics().size() + " unchanged, 0 drift");
    }

    @Test
    void drift_is_reported_fewer_partitions_are_increased_and_a_wrong_retention_is_altered() throws Exception {
        ReplicationSettings one = ReplicationSettings.SINGLE_BROKER;
        DesiredTopic more = named("drift.more-partitions", CATALOGUE.require("lead.created"), one);
        DesiredTopic fewer = named("drift.fewer-partitions", CATALOGUE.require("lead.updated"), one);
        DesiredTopic retention = named("drift.wrong-retention", CATALOGUE.require("lead-service.dlq"), one);
        admin.createTopics(List.of(
                new NewTopic(more.name(), 8, (short) 1),
                new NewTopic(fewer.name(), 2, (short) 1),
                new NewTopic(retention.name(), retention.partitions(), (short) 1)
                        .configs(Map.of("retention.ms", "1000", "cleanup.policy", "compact"))))
                .all().get(30, TimeUnit.SECONDS);
        TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));

        ProvisioningReport report = provisioner.provision(List.of(more, fewer, retention));

        assertThat(report.created()).isEmpty();
        assertThat(report.drift()).containsExactly(new TopicDrift(more.name(), "partitions", "8", "6"));
        assertThat(report.toText()).contains("DRIFT     drift.more-partitions: partitions is 8 on the broker, the catalogue says 6");
        assertThat(report.altered()).containsOnlyKeys(fewer.name(), retention.name());
        assertThat(report.altered().get(fewer.name())).contains("partitions 2 -> 6");
        assertThat(report.altered().get(retention.name()))
                .contains("retention.ms 1000 -> 2592000000", "cleanup.policy compact -> delete");
        // its configs matched already (the broker's default retention is the catalogue's 7 days): nothing else to do
        assertThat(report.unchanged()).containsExactly(more.name());

        Map<String, TopicDescription> live = admin.describeTopics(List.of(more.name(), fewer.name())).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        assertThat(live.get(more.name()).partitions()).hasSize(8);
        assertThat(live.get(fewer.name()).partitions()).hasSize(6);
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, retention.name())))
                .all().get(30, TimeUnit.SECONDS).values().iterator().next();
        assertThat(config.get("retention.ms").value()).isEqualTo("2592000000");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");

        ProvisioningReport again = provisioner.provision(List.of(more, fewer, retention));
        assertThat(again.changedNothing()).as("second run: %s", again.toText()).isTrue();
        assertThat(again.drift()).as("drift it cannot fix stays reported").hasSize(1);
    }

    @Test
    void a_topic_outside_the_catalogue_is_created_through_the_same_code() throws Exception {
        ProvisioningReport report = CatalogueTopics.provision(bootstrap,
                List.of(DesiredTopic.of("test-only.topic", 2, ReplicationSettings.SINGLE_BROKER)));

        assertThat(report.created()).containsExactly("test-only.topic");
        assertThat(admin.describeTopics(List.of("test-only.topic")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("test-only.topic").partitions()).hasSize(2);
    }

    @Test
    void a_topic_listed_twice_is_refused() {
        DesiredTopic topic = DesiredTopic.of("twice", 1, ReplicationSettings.SINGLE_BROKER);
        assertThatThrownBy(() -> new TopicProvisioner(admin, Duration.ofSeconds(5)).provision(List.of(topic, topic)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void main_provisions_from_the_environment_and_exits_by_outcome() throws Exception {
        assertThat(TopicProvisionerMain.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap))).isEqualTo(TopicProvisionerMain.OK);
        assertThat(TopicProvisionerMain.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "TOPICS_REPLICATION_FACTOR", "x")))
                .isEqualTo(TopicProvisionerMain.CONFIGURATION_ERROR);
        assertThat(TopicProvisionerMain.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "TOPICS_REPLICATION_FACTOR", "1",
                "TOPICS_MIN_INSYNC_REPLICAS", "2"))).isEqualTo(TopicProvisionerMain.CONFIGURATION_ERROR);
        Map<String, String> unreachable = new HashMap<>();
        unreachable.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:1");
        unreachable.put("TOPICS_TIMEOUT_SECONDS", "2");
        assertThat(TopicProvisionerMain.run(unreachable)).isEqualTo(TopicProvisionerMain.FAILED);
    }

    @Test
    void settings_come_from_the_environment() {
        ProvisionerSettings settings = ProvisionerSettings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "TOPICS_REPLICATION_FACTOR", "3", "TOPICS_MIN_INSYNC_REPLICAS", "2", "TOPICS_TIMEOUT_SECONDS", "90",
                "KAFKA_ADMIN_SECURITY_PROTOCOL", "SSL"));
        assertThat(settings.replication()).isEqualTo(new ReplicationSettings((short) 3, 2));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.adminProperties()).containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("security.protocol", "SSL").containsEntry("default.api.timeout.ms", "90000");
        ProvisionerSettings defaults = ProvisionerSettings.from(Map.of());
        assertThat(defaults.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(defaults.replication()).isEqualTo(ReplicationSettings.SINGLE_BROKER);
        assertThat(DesiredTopic.from(CATALOGUE.require("lead.created"), settings.replication()).configs())
                .containsEntry("min.insync.replicas", "2").containsEntry("retention.ms", "604800000");
    }

    private static DesiredTopic named(String name, TopicSpec spec, ReplicationSettings replication) {
        DesiredTopic fromCatalogue = DesiredTopic.from(spec, replication);
        return new DesiredTopic(name, fromCatalogue.partitions(), fromCatalogue.replicationFactor(), fromCatalogue.configs());
    }
}
