package com.keystone.crm.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.keystone.crm.platform.topics.CatalogueTopics;
import com.keystone.crm.platform.topics.DesiredTopic;
import com.keystone.crm.platform.topics.ProvisioningReport;
import com.keystone.crm.platform.topics.ReplicationSettings;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real single-node KRaft broker in the test JVM, one per JVM, on a random port. Every topic of the catalogue
 * ({@code topics.json}) is provisioned before anything else connects, with its partitions and retention, by the
 * same {@code platform/topic-provisioner} code as the local stack and the Helm job.
 *
 * <p>Broker auto-creation stays on in tests: a test application's own topics and the topics tests read or write
 * ad hoc need not be declared. A test that wants such a topic with a given partition count before first use
 * calls {@link #createTopics(int, String...)}.
 */
public final class TestKafka {
    /** A running broker, embedded or a container: its address and how to stop it. */
    record Broker(String bootstrapServers, Runnable stopper) {
    }

    private final Broker broker;
    private final ProvisioningReport catalogueReport;

    private TestKafka(Broker broker, ProvisioningReport catalogueReport) {
        this.broker = broker;
        this.catalogueReport = catalogueReport;
    }

    static TestKafka start(Backends backends) {
        Broker broker = backends.containers() ? ContainerBackends.kafka() : startEmbedded();
        try {
            ProvisioningReport report = CatalogueTopics.provision(broker.bootstrapServers());
            return new TestKafka(broker, report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.stopper().run();
            throw new IllegalStateException("interrupted while provisioning the topic catalogue", e);
        } catch (RuntimeException e) {
            broker.stopper().run();
            throw e;
        }
    }

    /** Attempts at starting the embedded broker: a port taken between choosing it and binding it fails one. */
    static final int START_ATTEMPTS = 3;

    private static Broker startEmbedded() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startEmbeddedOnce();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * The broker's two listeners on two ports held open together while they are chosen, so they differ: left to
     * itself the companion once gave PLAINTEXT and CONTROLLER the same free port, and the broker refused to start.
     */
    private static Broker startEmbeddedOnce() {
        int[] ports = twoFreePorts();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaPort(ports[0])
                .withControllerPort(ports[1])
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("num.partitions", "3");
                    p.put("auto.create.topics.enable", "true");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "3");
                    // a record's timestamp is when the broker appended it (not the producer's, which the relay sets to
                    // the outbox commit): tests and their figures read when an event reached Kafka
                    p.put("log.message.timestamp.type", "LogAppendTime");
                });
        try {
            broker.start();
        } catch (RuntimeException e) {
            closeQuietly(broker, e);
            throw e;
        }
        return new Broker(bootstrapServers(broker), broker::close);
    }

    private static int[] twoFreePorts() {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[]{a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports for the embedded Kafka broker", e);
        }
    }

    /** A broker that failed to start is closed (its log directories deleted); a failure to close adds to the cause. */
    private static void closeQuietly(EmbeddedKafkaBroker broker, RuntimeException cause) {
        try {
            broker.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private static String bootstrapServers(EmbeddedKafkaBroker broker) {
        String first = broker.getAdvertisedListeners().split(",")[0];
        return first.substring(first.indexOf("://") + 3);
    }

    /** What provisioning the catalogue did at broker start (every topic created). */
    public ProvisioningReport catalogueReport() {
        return catalogueReport;
    }

    /**
     * Creates topics outside the catalogue (a test application's own) with the given partition count, through the
     * provisioner; existing ones are left as they are or increased. Returns when every partition has a leader.
     */
    public ProvisioningReport createTopics(int partitions, String... topics) {
        List<DesiredTopic> wanted = Arrays.stream(topics)
                .map(t -> DesiredTopic.of(t, partitions, ReplicationSettings.SINGLE_BROKER)).toList();
        try {
            return CatalogueTopics.provision(bootstrapServers(), wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + List.of(topics), e);
        }
    }

    void stop() {
        broker.stopper().run();
    }
}
