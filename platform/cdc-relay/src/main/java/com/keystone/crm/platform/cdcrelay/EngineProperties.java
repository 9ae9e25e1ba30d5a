package com.keystone.crm.platform.cdcrelay;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * Turns a connector file's config into the Properties of one Debezium embedded engine: the file's keys as they
 * are (connector, SMTs, predicates), minus the Connect worker's converter keys (the relay serializes records
 * itself, see {@link RecordConverter}), plus what only the embedded runtime needs: the engine name and a durable
 * file offset store.
 */
public final class EngineProperties {

    private EngineProperties() {
    }

    public static Properties of(ConnectorDefinition connector, RelaySettings settings) {
        Properties properties = new Properties();
        connector.config().forEach((key, value) -> {
            if (!isConverterKey(key)) {
                properties.setProperty(key, value);
            }
        });
        properties.setProperty("name", connector.name());
        properties.setProperty("offset.storage", FileOffsetBackingStore.class.getName());
        properties.setProperty("offset.storage.file.filename", offsetsFile(settings.dataDir(), connector.name()).toString());
        properties.setProperty("offset.flush.interval.ms", Long.toString(settings.offsetFlushIntervalMs()));
        properties.setProperty("offset.flush.timeout.ms", "10000");
        // one thread for the SMTs of a batch: the relay runs on small machines, beside everything else
        properties.setProperty("record.processing.threads", "1");
        return properties;
    }

    /** {@code <data dir>/<connector name>.offsets}, absolute. */
    public static Path offsetsFile(Path dataDir, String connectorName) {
        return dataDir.toAbsolutePath().resolve(connectorName.replaceAll("[^A-Za-z0-9._-]", "_") + ".offsets");
    }

    static boolean isConverterKey(String key) {
        return key.startsWith("key.converter") || key.startsWith("value.converter") || key.startsWith("header.converter");
    }
}
