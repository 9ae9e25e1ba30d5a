package com.keystone.crm.platform.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.net.URI;
import java.time.Duration;

/**
 * PostgreSQL, Kafka and S3 from the official images docker-compose.yml runs, through Testcontainers; chosen by
 * {@link Backends}. Loaded only on that path, so JVMs without Docker never touch Testcontainers.
 *
 * <p>Not run on the project's machines (they have no Docker engine): compiled and wired, the selection is tested.
 */
final class ContainerBackends {
    /** The images of docker-compose.yml (tools/deploy-check ComposeStructureTest checks they are the same). */
    static final String POSTGRES_IMAGE = "postgres:17.6";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

    private ContainerBackends() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the returned TestPostgres
    static TestPostgres postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername(TestPostgres.USER)
                .withPassword(TestPostgres.PASSWORD)
                .withDatabaseName("postgres")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20", "-c", "fsync=off", "-c", "synchronous_commit=on");
        container.start();
        return new TestPostgres(container.getHost(), container.getMappedPort(5432), container::stop);
    }

    @SuppressWarnings("resource")
    static TestKafka.Broker kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new TestKafka.Broker(container.getBootstrapServers(), container::stop);
    }

    @SuppressWarnings("resource")
    static S3ProxyServer s3() {
        GenericContainer<?> container = new GenericContainer<>(MINIO_IMAGE)
                .withCommand("server", "/data")
                .withEnv("MINIO_ROOT_USER", S3ProxyServer.ACCESS_KEY)
                .withEnv("MINIO_ROOT_PASSWORD", S3ProxyServer.SECRET_KEY)
                .withExposedPorts(9000)
                .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000).withStartupTimeout(Duration.ofSeconds(60)));
        container.start();
        URI endpoint = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(9000));
        return new S3ProxyServer(endpoint, container::stop);
    }
}
