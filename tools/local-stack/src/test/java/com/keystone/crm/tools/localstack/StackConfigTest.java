package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StackConfigTest {
    private final StackConfig config = new StackConfig(Path.of("/repo"));

    @Test
    void everythingLivesUnderDotLocalStack() {
        assertThat(config.postgresDir()).isEqualTo(Path.of("/repo/.local-stack/postgres"));
        assertThat(config.kafkaDir()).isEqualTo(Path.of("/repo/.local-stack/kafka"));
        assertThat(config.s3Dir()).isEqualTo(Path.of("/repo/.local-stack/s3"));
        assertThat(config.relayDataDir()).isEqualTo(Path.of("/repo/.local-stack/relay"));
        assertThat(config.logFile("kafka")).isEqualTo(Path.of("/repo/.local-stack/logs/kafka.log"));
        assertThat(config.pidsDir()).isEqualTo(Path.of("/repo/.local-stack/pids"));
        assertThat(config.publicKeyFile()).isEqualTo(Path.of("/repo/.local-stack/keys/public.pem"));
        assertThat(config.demoTokensFile()).isEqualTo(Path.of("/repo/.local-stack/demo-tokens.env"));
        assertThat(config.display(config.logsDir())).isEqualTo(".local-stack/logs");
    }

    @Test
    void servicePortsFollowTheContract() {
        assertThat(ServiceSpec.ALL).extracting(ServiceSpec::name, ServiceSpec::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api-gateway", 8080),
                org.assertj.core.groups.Tuple.tuple("lead-service", 8081),
                org.assertj.core.groups.Tuple.tuple("property-sync-service", 8082),
                org.assertj.core.groups.Tuple.tuple("workflow-service", 8083),
                org.assertj.core.groups.Tuple.tuple("scoring-service", 8084),
                org.assertj.core.groups.Tuple.tuple("notification-service", 8085));
        assertThat(config.serviceJar(ServiceSpec.named("lead-service").orElseThrow()))
                .isEqualTo(Path.of("/repo/lead-service/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void serviceEnvironmentPointsAtTheLocalInfrastructure() {
        Map<String, String> env = QuarkusServiceNode.environment(config, ServiceSpec.named("lead-service").orElseThrow());

        assertThat(env).containsEntry("QUARKUS_HTTP_PORT", "8081")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:15432/lead-service")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/lead-service")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:/repo/.local-stack/keys/public.pem")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "https://auth.keystone-crm.local")
                .containsEntry("MP_JWT_VERIFY_AUDIENCES", "keystone-crm")
                // S3 is property-sync-service's alone (listing photos): nobody else reads CRM_S3_*
                .doesNotContainKeys("CRM_S3_ENDPOINT", "CRM_S3_BUCKET", "CRM_S3_ACCESS_KEY", "CRM_S3_SECRET_KEY");
        assertThat(QuarkusServiceNode.environment(config, ServiceSpec.named("property-sync-service").orElseThrow()))
                .containsEntry("CRM_S3_ENDPOINT", "http://localhost:9000")
                .containsEntry("CRM_S3_BUCKET", "crm-media")
                .containsEntry("CRM_S3_ACCESS_KEY", "local-access-key")
                .containsEntry("CRM_S3_SECRET_KEY", "local-secret-key");
    }

    @Test
    void relayEnvironmentFollowsItsContract() {
        Map<String, String> env = CdcRelayNode.environment(config);

        assertThat(env).containsEntry("RELAY_CONNECT_DIR", "/repo/deploy/connect")
                .containsEntry("RELAY_DATA_DIR", "/repo/.local-stack/relay")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("RELAY_HTTP_PORT", "8090")
                .containsEntry("CRM_DB_HOST", "localhost")
                .containsEntry("CRM_DB_PORT", "15432")
                .containsEntry("CRM_DB_USER", "postgres")
                .containsEntry("CRM_DB_PASSWORD", "postgres")
                .containsEntry("RELAY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void kafkaIsASingleKraftNodeWithAutoCreatedTopics() {
        Properties p = KafkaNode.serverProperties(config);

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("localhost:9093");
        assertThat(p.getProperty("log.dirs")).isEqualTo("/repo/.local-stack/kafka/data");
        assertThat(p.getProperty("auto.create.topics.enable")).as("topics come from the catalogue").isEqualTo("false");
        assertThat(p.getProperty("num.partitions")).isEqualTo("3");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(KafkaNode.logbackXml()).contains("<root level=\"WARN\">");
    }

    @Test
    void s3proxyGetsTheJcloudsIdentityAndCredential() {
        Properties p = S3Node.jcloudsProperties(config);

        assertThat(p.getProperty("jclouds.identity")).isEqualTo("local-access-key");
        assertThat(p.getProperty("jclouds.credential")).isEqualTo("local-secret-key");
        assertThat(p.getProperty("jclouds.filesystem.basedir")).isEqualTo("/repo/.local-stack/s3");
    }
}
