package com.keystone.crm.platform.topics;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import com.keystone.crm.platform.contracts.TopicCatalogue;

/**
 * The one call the testkit, the local stack and the Helm job make: provision every topic of
 * {@code contracts/topics.json} on a cluster.
 */
public final class CatalogueTopics {

    private CatalogueTopics() {
    }

    /** Provisions the catalogue with an Admin client of its own. */
    public static ProvisioningReport provision(ProvisionerSettings settings) throws InterruptedException {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            return new TopicProvisioner(admin, settings.timeout())
                    .provision(DesiredTopic.fromCatalogue(TopicCatalogue.load(), settings.replication()));
        }
    }

    /** A single broker (tests, the local stack): replication 1, a 30 s timeout. */
    public static ProvisioningReport provision(String bootstrapServers) throws InterruptedException {
        return provision(new ProvisionerSettings(bootstrapServers, ReplicationSettings.SINGLE_BROKER,
                Duration.ofSeconds(30), java.util.Map.of()));
    }

    /** Provisions topics outside the catalogue (a test application's own topics) through the same code. */
    public static ProvisioningReport provision(String bootstrapServers, List<DesiredTopic> topics) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-provisioner");
        try (Admin admin = Admin.create(properties)) {
            return new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(topics);
        }
    }
}
