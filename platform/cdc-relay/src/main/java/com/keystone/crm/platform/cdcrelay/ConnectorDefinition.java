package com.keystone.crm.platform.cdcrelay;

import java.nio.file.Path;
import java.util.Map;

/**
 * One connector file of {@code deploy/connect}, in Kafka Connect REST format, with its {@code ${env:...}}
 * placeholders resolved.
 *
 * @param name   the connector name ({@code "name"} of the file), also the engine name and offsets file name
 * @param source the file it came from
 * @param config the {@code "config"} object, in file order
 */
public record ConnectorDefinition(String name, Path source, Map<String, String> config) {

    public ConnectorDefinition {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The file name without {@code .json}, e.g. {@code lead-service}. */
    public String fileStem() {
        String file = source.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
    }
}
