package com.keystone.crm.platform.testkit;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** A real single-node KRaft broker in the test JVM, one per JVM, on a random port. */
public final class TestKafka {
    private final EmbeddedKafkaBroker broker;

    private TestKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static TestKafka start() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("num.partitions", "3");
                    p.put("auto.create.topics.enable", "true");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "3");
                })
                .start();
        return new TestKafka(broker);
    }

    public String bootstrapServers() {
        String first = broker.getAdvertisedListeners().split(",")[0];
        return first.substring(first.indexOf("://") + 3);
    }

    void stop() {
        broker.close();
    }
}
