package com.keystone.crm.platform.chassis.retention;

import com.keystone.crm.platform.contracts.TopicCatalogue;
import com.keystone.crm.platform.contracts.TopicSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a service keeps its inbox rows ({@code consumed_event}): a redelivery can only come from a record still in
 * its topic, and a record consumed at t is gone from the topic by t + the topic's retention. So the inbox keeps rows
 * for the longest retention of the topics the service consumes (the catalogue's consumers), plus a margin. A
 * service the catalogue names as no consumer (a new one, a test application) keeps them as long as the longest
 * event topic; a topic kept forever means the inbox is kept forever too.
 */
public final class ConsumedEventAge {
    private ConsumedEventAge() {
    }

    /** The age after which {@code service}'s inbox rows go; empty: never. */
    public static Optional<Duration> of(TopicCatalogue catalogue, String service, Duration margin) {
        List<TopicSpec> consumed = catalogue.consumedBy(service);
        List<TopicSpec> topics = consumed.isEmpty() ? catalogue.eventTopics() : consumed;
        Duration longest = Duration.ZERO;
        for (TopicSpec t : topics) {
            if (t.retentionMs() < 0) {
                return Optional.empty(); // retention.ms=-1: the topic keeps records forever
            }
            if (t.retention().compareTo(longest) > 0) {
                longest = t.retention();
            }
        }
        return Optional.of(longest.plus(margin));
    }
}
