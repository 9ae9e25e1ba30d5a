package com.keystone.crm.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes the broker's topics match a list of {@link DesiredTopic}s, idempotently:
 * <ul>
 * <li>a missing topic is created with its partitions, replication factor and configs;</li>
 * <li>a live topic with fewer partitions is increased ({@code createPartitions});</li>
 * <li>a managed config that differs is set ({@code incrementalAlterConfigs}; other configs stay as they are);</li>
 * <li>more live partitions than wanted, or another replication factor, is {@link TopicDrift}: reported, not
 * touched (Kafka cannot remove partitions; a replication change is a reassignment for an operator).</li>
 * </ul>
 * Then it waits until every partition of a created or increased topic has a leader, so a producer that starts next
 * (the CDC relay's idempotent producer) never sends to a partition that is still being elected, and until the brokers
 * serve every altered config.
 *
 * <p>Only Admin calls present in both kafka-clients 4.1 (Quarkus BOM: testkit, local stack) and 4.3 are used.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin   an Admin client of the cluster (not closed here)
     * @param timeout how long each broker request, and the wait for partition leaders, may take
     */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Creates or updates the given topics; see the class comment. */
    public ProvisioningReport provision(Collection<DesiredTopic> topics) throws InterruptedException {
        Map<String, DesiredTopic> wanted = new LinkedHashMap<>();
        for (DesiredTopic topic : topics) {
            if (wanted.putIfAbsent(topic.name(), topic) != null) {
                throw new IllegalArgumentException("topic " + topic.name() + " is listed twice");
            }
        }
        Set<String> live = await(admin.listTopics().names(), "list topics");

        List<String> created = new ArrayList<>();
        List<DesiredTopic> existing = new ArrayList<>();
        List<DesiredTopic> missing = wanted.values().stream().filter(t -> !live.contains(t.name())).toList();
        create(missing, created, existing);
        wanted.values().stream().filter(t -> live.contains(t.name())).forEach(existing::add);

        Map<String, List<String>> changes = new LinkedHashMap<>();
        List<TopicDrift> drift = new ArrayList<>();
        Set<String> increased = reconcile(existing, changes, drift);

        Map<String, Integer> needLeaders = new LinkedHashMap<>();
        created.forEach(name -> needLeaders.put(name, wanted.get(name).partitions()));
        increased.forEach(name -> needLeaders.put(name, wanted.get(name).partitions()));
        awaitLeaders(needLeaders);

        // report in the caller's order
        List<String> unchanged = new ArrayList<>();
        Map<String, List<String>> altered = new LinkedHashMap<>();
        List<String> createdInOrder = new ArrayList<>();
        for (String name : wanted.keySet()) {
            if (created.contains(name)) {
                createdInOrder.add(name);
            }
            else if (changes.containsKey(name)) {
                altered.put(name, changes.get(name));
            }
            else {
                unchanged.add(name);
            }
        }
        return new ProvisioningReport(createdInOrder, altered, unchanged, drift);
    }

    /** Creates the missing topics; one created meanwhile by someone else (auto-creation, a second run) is reconciled. */
    private void create(List<DesiredTopic> missing, List<String> created, List<DesiredTopic> existing)
            throws InterruptedException {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> requests = missing.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(requests).values();
        List<String> failures = new ArrayList<>();
        for (DesiredTopic topic : missing) {
            try {
                results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    existing.add(topic);
                }
                else {
                    failures.add(topic.name() + ": " + e.getCause());
                }
            }
            catch (TimeoutException e) {
                failures.add(topic.name() + ": no answer within " + timeout.toMillis() + " ms");
            }
        }
        if (!failures.isEmpty()) {
            throw new TopicProvisioningException("cannot create topics: " + String.join("; ", failures), null);
        }
    }

    /** Compares live partitions, replication and configs; increases partitions and alters configs. */
    private Set<String> reconcile(List<DesiredTopic> existing, Map<String, List<String>> changes, List<TopicDrift> drift)
            throws InterruptedException {
        Set<String> increased = new LinkedHashSet<>();
        if (existing.isEmpty()) {
            return increased;
        }
        List<String> names = existing.stream().map(DesiredTopic::name).toList();
        Map<String, TopicDescription> descriptions = describe(names);
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all(), "describe topic configs");

        Map<String, NewPartitions> partitionIncreases = new LinkedHashMap<>();
        Map<ConfigResource, Collection<AlterConfigOp>> configChanges = new LinkedHashMap<>();
        for (DesiredTopic topic : existing) {
            TopicDescription description = descriptions.get(topic.name());
            int livePartitions = description.partitions().size();
            if (livePartitions < topic.partitions()) {
                partitionIncreases.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
                changes.computeIfAbsent(topic.name(), n -> new ArrayList<>())
                        .add("partitions " + livePartitions + " -> " + topic.partitions());
            }
            else if (livePartitions > topic.partitions()) {
                drift.add(new TopicDrift(topic.name(), "partitions", Integer.toString(livePartitions),
                        Integer.toString(topic.partitions())));
            }
            int liveReplication = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            if (liveReplication != topic.replicationFactor()) {
                drift.add(new TopicDrift(topic.name(), "replication factor", Integer.toString(liveReplication),
                        Short.toString(topic.replicationFactor())));
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config liveConfig = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            topic.configs().forEach((key, value) -> {
                ConfigEntry entry = liveConfig == null ? null : liveConfig.get(key);
                String liveValue = entry == null ? null : entry.value();
                if (!value.equals(liveValue)) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                    changes.computeIfAbsent(topic.name(), n -> new ArrayList<>()).add(key + " " + liveValue + " -> " + value);
                }
            });
            if (!ops.isEmpty()) {
                configChanges.put(resource, ops);
            }
        }
        if (!partitionIncreases.isEmpty()) {
            await(admin.createPartitions(partitionIncreases).all(), "increase partitions of " + partitionIncreases.keySet());
            increased.addAll(partitionIncreases.keySet());
        }
        if (!configChanges.isEmpty()) {
            await(admin.incrementalAlterConfigs(configChanges).all(), "alter configs of "
                    + configChanges.keySet().stream().map(ConfigResource::name).toList());
            awaitConfigs(configChanges);
        }
        return increased;
    }

    /**
     * Until the brokers serve the altered configs: the controller confirms an alteration before every broker has
     * applied it, and a caller (or a second run) reading them back at once would see the old values.
     */
    private void awaitConfigs(Map<ConfigResource, Collection<AlterConfigOp>> changes) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<ConfigResource, Config> live = await(admin.describeConfigs(changes.keySet()).all(), "describe topic configs");
            List<String> pending = new ArrayList<>();
            changes.forEach((resource, ops) -> {
                Config config = live.get(resource);
                for (AlterConfigOp op : ops) {
                    ConfigEntry entry = config == null ? null : config.get(op.configEntry().name());
                    if (entry == null || !op.configEntry().value().equals(entry.value())) {
                        pending.add(resource.name() + " " + op.configEntry().name());
                    }
                }
            });
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TopicProvisioningException("configs not applied after " + timeout.toMillis() + " ms: " + pending, null);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Until the brokers' metadata shows each topic with its partition count and every partition with a leader (a new
     * partition is usable only then; the metadata lags the controller for a moment).
     */
    private void awaitLeaders(Map<String, Integer> partitionCounts) throws InterruptedException {
        if (partitionCounts.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, TopicDescription> descriptions = describe(partitionCounts.keySet());
            List<String> leaderless = new ArrayList<>();
            descriptions.forEach((name, description) -> {
                if (description.partitions().size() < partitionCounts.get(name)) {
                    leaderless.add(name + " (" + description.partitions().size() + " of " + partitionCounts.get(name)
                            + " partitions known)");
                }
                for (TopicPartitionInfo partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        leaderless.add(name + "-" + partition.partition());
                    }
                }
            });
            if (leaderless.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TopicProvisioningException("partitions without a leader after " + timeout.toMillis() + " ms: "
                        + leaderless, null);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Describes topics, waiting while a broker does not know one yet: a topic just created (by us or by the caller)
     * reaches the brokers' metadata a moment after the controller confirmed it.
     */
    private Map<String, TopicDescription> describe(Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new TopicProvisioningException("describe topics failed: " + e.getCause(), e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            catch (TimeoutException e) {
                throw new TopicProvisioningException("describe topics: no answer from Kafka within " + timeout.toMillis() + " ms", e);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            throw new TopicProvisioningException(what + " failed: " + e.getCause(), e.getCause());
        }
        catch (TimeoutException e) {
            throw new TopicProvisioningException(what + ": no answer from Kafka within " + timeout.toMillis() + " ms", e);
        }
    }
}
