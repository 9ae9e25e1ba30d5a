package com.keystone.crm.platform.topics;

/**
 * A difference between a live topic and the catalogue that the provisioner cannot fix by itself (Kafka cannot
 * remove partitions; a replication factor changes only by a partition reassignment).
 *
 * @param topic  the topic
 * @param what   what differs ({@code partitions}, {@code replication factor})
 * @param live   the live value
 * @param wanted the catalogue's value
 */
public record TopicDrift(String topic, String what, String live, String wanted) {

    @Override
    public String toString() {
        return topic + ": " + what + " is " + live + " on the broker, the catalogue says " + wanted;
    }
}
