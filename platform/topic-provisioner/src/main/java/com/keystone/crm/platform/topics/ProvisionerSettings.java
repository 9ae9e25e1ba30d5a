package com.keystone.crm.platform.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where and how to provision, from the environment (a Helm job, the local stack):
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, default {@code localhost:9092}
 * @param replication      {@code TOPICS_REPLICATION_FACTOR} (default 1) and {@code TOPICS_MIN_INSYNC_REPLICAS}
 *                         (default 1)
 * @param timeout          {@code TOPICS_TIMEOUT_SECONDS}, default 60: per broker request and for partition leaders
 * @param adminOverrides   every {@code KAFKA_ADMIN_<NAME>} variable as the Admin client setting {@code <name>}
 *                         (lower case, {@code _} to {@code .}), e.g. {@code KAFKA_ADMIN_SECURITY_PROTOCOL=SSL}
 */
public record ProvisionerSettings(String bootstrapServers, ReplicationSettings replication, Duration timeout,
                                  Map<String, String> adminOverrides) {

    public ProvisionerSettings {
        adminOverrides = Map.copyOf(adminOverrides);
    }

    /** Reads the settings; {@code env} is {@code System.getenv()} in production. */
    public static ProvisionerSettings from(Map<String, String> env) {
        Function<String, String> get = name -> {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String bootstrap = get.apply("KAFKA_BOOTSTRAP_SERVERS");
        short replicationFactor = (short) number(get.apply("TOPICS_REPLICATION_FACTOR"), "TOPICS_REPLICATION_FACTOR", 1, 32767);
        int minInsync = (int) number(get.apply("TOPICS_MIN_INSYNC_REPLICAS"), "TOPICS_MIN_INSYNC_REPLICAS", 1, 32767);
        long timeoutSeconds = number(get.apply("TOPICS_TIMEOUT_SECONDS"), "TOPICS_TIMEOUT_SECONDS", 60, 3600);
        Map<String, String> overrides = new java.util.TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_ADMIN_") && name.length() > "KAFKA_ADMIN_".length()) {
                overrides.put(name.substring("KAFKA_ADMIN_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        try {
            return new ProvisionerSettings(bootstrap == null ? "localhost:9092" : bootstrap,
                    new ReplicationSettings(replicationFactor, minInsync), Duration.ofSeconds(timeoutSeconds), overrides);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (TOPICS_REPLICATION_FACTOR, TOPICS_MIN_INSYNC_REPLICAS)", e);
        }
    }

    /** Admin client properties: bootstrap, client id, timeouts, then the overrides. */
    public Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-provisioner");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeout.toMillis(), 30_000)));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.putAll(adminOverrides);
        return properties;
    }

    private static long number(String raw, String name, long defaultValue, long max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + "=" + raw + " is out of range 1.." + max);
            }
            return value;
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + raw + " is not a number", e);
        }
    }
}
