package com.keystone.crm.platform.cdcrelay;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relay's own settings. Each comes from an environment variable; a system property with the lower-case
 * dotted name ({@code -Drelay.http.port=0}) overrides it (see {@link EnvLookup}).
 *
 * @param connectDir            {@code RELAY_CONNECT_DIR}, default {@code deploy/connect}
 * @param dataDir               {@code RELAY_DATA_DIR}, default {@code .relay-data}: one offsets file per connector
 * @param bootstrapServers      {@code KAFKA_BOOTSTRAP_SERVERS}, default {@code localhost:9092}
 * @param httpPort              {@code RELAY_HTTP_PORT}, default 8090; 0 picks a free port (printed at start)
 * @param connectors            {@code RELAY_CONNECTORS}: comma-separated connector names (or file names without
 *                              {@code .json}) to run; empty = every file
 * @param retryInitialMs        {@code RELAY_RETRY_INITIAL_MS}, default 2000: first wait before restarting a
 *                              connector that failed or is not ready; doubles per attempt
 * @param retryMaxMs            {@code RELAY_RETRY_MAX_MS}, default 10000: cap of that wait
 * @param offsetFlushIntervalMs {@code RELAY_OFFSET_FLUSH_INTERVAL_MS}, default 0: the engine's
 *                              {@code offset.flush.interval.ms} (0 = write offsets after every acknowledged batch)
 * @param deliveryTimeoutMs     {@code RELAY_PRODUCER_DELIVERY_TIMEOUT_MS}, default 120000 (Kafka's): the producer's
 *                              {@code delivery.timeout.ms}, how long a record may wait for its acknowledgement,
 *                              retries included, before its batch fails
 * @param maxBlockMs            {@code RELAY_PRODUCER_MAX_BLOCK_MS}, default 60000 (Kafka's): the producer's
 *                              {@code max.block.ms}, how long a send may wait for the topic's metadata
 */
public record RelaySettings(
        Path connectDir,
        Path dataDir,
        String bootstrapServers,
        int httpPort,
        Set<String> connectors,
        long retryInitialMs,
        long retryMaxMs,
        long offsetFlushIntervalMs,
        long deliveryTimeoutMs,
        long maxBlockMs) {

    public RelaySettings {
        connectors = Set.copyOf(connectors);
    }

    public static RelaySettings from(EnvLookup env) {
        Path connectDir = Path.of(text(env, "RELAY_CONNECT_DIR", "deploy/connect"));
        Path dataDir = Path.of(text(env, "RELAY_DATA_DIR", ".relay-data"));
        String bootstrap = text(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        int port = (int) number(env, "RELAY_HTTP_PORT", 8090, 0, 65535);
        Set<String> connectors = env.get("RELAY_CONNECTORS")
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .orElseGet(LinkedHashSet::new);
        long retryInitial = number(env, "RELAY_RETRY_INITIAL_MS", 2000, 1, Integer.MAX_VALUE);
        long retryMax = number(env, "RELAY_RETRY_MAX_MS", 10000, 1, Integer.MAX_VALUE);
        long flush = number(env, "RELAY_OFFSET_FLUSH_INTERVAL_MS", 0, 0, Integer.MAX_VALUE);
        long deliveryTimeout = number(env, "RELAY_PRODUCER_DELIVERY_TIMEOUT_MS", 120_000, 1000, Integer.MAX_VALUE);
        long maxBlock = number(env, "RELAY_PRODUCER_MAX_BLOCK_MS", 60_000, 100, Integer.MAX_VALUE);
        return new RelaySettings(connectDir, dataDir, bootstrap, port, connectors, retryInitial,
                Math.max(retryInitial, retryMax), flush, deliveryTimeout, maxBlock);
    }

    private static String text(EnvLookup env, String name, String defaultValue) {
        return env.get(name).map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultValue);
    }

    private static long number(EnvLookup env, String name, long defaultValue, long min, long max) {
        String raw = text(env, name, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new RelayConfigException(name + "=" + raw + " is out of range " + min + ".." + max);
            }
            return value;
        }
        catch (NumberFormatException e) {
            throw new RelayConfigException(name + "=" + raw + " is not a number");
        }
    }
}
