package com.keystone.crm.platform.topics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.keystone.crm.platform.contracts.TopicCatalogue;
import com.keystone.crm.platform.contracts.TopicSpec;

/**
 * A topic as it should be on the broker: name, partition count, replication factor and the topic configs the
 * provisioner manages (any other config of a live topic is left alone).
 *
 * @param name              topic name
 * @param partitions        partition count (a live topic with fewer is increased, one with more is drift)
 * @param replicationFactor replication factor (used on creation; a live topic with another one is drift)
 * @param configs           managed topic configs, e.g. {@code retention.ms}, {@code cleanup.policy}
 */
public record DesiredTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public static final String RETENTION_MS = "retention.ms";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    /**
     * Every catalogue topic is a time-retained log of events (DESIGN §3): none is compacted. Should one ever be,
     * the catalogue gains a cleanup policy field and {@link #fromCatalogue} reads it.
     */
    public static final String CATALOGUE_CLEANUP_POLICY = "delete";

    public DesiredTopic {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(name + ": replication factor must be at least 1");
        }
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /** One entry of the catalogue: its partitions and retention, delete cleanup, the cluster's replication settings. */
    public static DesiredTopic from(TopicSpec spec, ReplicationSettings replication) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(RETENTION_MS, Long.toString(spec.retentionMs()));
        configs.put(CLEANUP_POLICY, CATALOGUE_CLEANUP_POLICY);
        configs.put(MIN_INSYNC_REPLICAS, Integer.toString(replication.minInsyncReplicas()));
        return new DesiredTopic(spec.topic(), spec.partitions(), replication.replicationFactor(), configs);
    }

    /** Every topic of the catalogue, in catalogue order. */
    public static List<DesiredTopic> fromCatalogue(TopicCatalogue catalogue, ReplicationSettings replication) {
        List<DesiredTopic> topics = new ArrayList<>();
        for (TopicSpec spec : catalogue.topics()) {
            topics.add(from(spec, replication));
        }
        return List.copyOf(topics);
    }

    /**
     * A topic outside the catalogue (a test application's own topic): partitions and replication only, the broker's
     * default retention and cleanup.
     */
    public static DesiredTopic of(String name, int partitions, ReplicationSettings replication) {
        return new DesiredTopic(name, partitions, replication.replicationFactor(),
                Map.of(MIN_INSYNC_REPLICAS, Integer.toString(replication.minInsyncReplicas())));
    }

    /** The same topic with one managed config changed (tests, special cases). */
    public DesiredTopic withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(configs);
        changed.put(key, value);
        return new DesiredTopic(name, partitions, replicationFactor, changed);
    }
}
