package com.keystone.crm.platform.topics;

/**
 * {@code java -jar platform/topic-provisioner/target/topic-provisioner.jar}: provisions the catalogue on
 * {@code KAFKA_BOOTSTRAP_SERVERS} (see {@link ProvisionerSettings}) and prints the report. Exit code 0 when every
 * topic matches the catalogue (created, altered or unchanged), 3 when drift remains (listed), 2 for a configuration
 * error, 1 when Kafka refused or did not answer: a Helm job fails visibly on all but 0.
 */
public final class TopicProvisionerMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int CONFIGURATION_ERROR = 2;
    static final int DRIFT = 3;

    private TopicProvisionerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.getenv()));
    }

    static int run(java.util.Map<String, String> env) throws InterruptedException {
        ProvisionerSettings settings;
        try {
            settings = ProvisionerSettings.from(env);
        }
        catch (IllegalArgumentException e) {
            System.err.println("topic-provisioner: configuration error: " + e.getMessage());
            return CONFIGURATION_ERROR;
        }
        System.out.println("topic-provisioner: provisioning the topic catalogue on " + settings.bootstrapServers()
                + " (replication factor " + settings.replication().replicationFactor() + ", min.insync.replicas "
                + settings.replication().minInsyncReplicas() + ")");
        ProvisioningReport report;
        try {
            report = CatalogueTopics.provision(settings);
        }
        catch (TopicProvisioningException | org.apache.kafka.common.KafkaException e) {
            System.err.println("topic-provisioner: " + e.getMessage());
            return FAILED;
        }
        System.out.println(report.toText());
        return report.hasDrift() ? DRIFT : OK;
    }
}
