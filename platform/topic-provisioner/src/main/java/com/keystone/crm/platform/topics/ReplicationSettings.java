package com.keystone.crm.platform.topics;

/**
 * How many copies a topic keeps: the cluster's business, not the catalogue's (1 on a laptop and in tests, 3 in a
 * production cluster).
 *
 * @param replicationFactor  replicas per partition, used when a topic is created
 * @param minInsyncReplicas  {@code min.insync.replicas}: replicas that must have a record before an
 *                           {@code acks=all} producer gets its acknowledgement
 */
public record ReplicationSettings(short replicationFactor, int minInsyncReplicas) {

    /** A single broker: one copy, one in sync. */
    public static final ReplicationSettings SINGLE_BROKER = new ReplicationSettings((short) 1, 1);

    public ReplicationSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                    + replicationFactor + ", not " + minInsyncReplicas);
        }
    }
}
