package com.keystone.crm.platform.cdcrelay;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the relay reads its settings and the {@code ${env:NAME}} placeholders of the connector files from:
 * the environment variable {@code NAME}, unless a system property with the lower-case dotted name
 * ({@code CRM_DB_HOST} becomes {@code crm.db.host}) is set, which wins.
 */
public final class EnvLookup {

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public EnvLookup(Map<String, String> environment, Properties systemProperties) {
        this.environment = Map.copyOf(environment);
        Properties copy = new Properties();
        copy.putAll(systemProperties);
        this.systemProperties = copy;
    }

    /** The real process environment and system properties. */
    public static EnvLookup system() {
        return new EnvLookup(System.getenv(), System.getProperties());
    }

    /** Only the given variables, no system properties (tests). */
    public static EnvLookup of(Map<String, String> environment) {
        return new EnvLookup(environment, new Properties());
    }

    public Optional<String> get(String name) {
        String property = systemProperties.getProperty(propertyName(name));
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(environment.get(name));
    }

    /** {@code RELAY_HTTP_PORT} to {@code relay.http.port}. */
    public static String propertyName(String variableName) {
        return variableName.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
