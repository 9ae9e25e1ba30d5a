package com.keystone.crm.platform.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Which PostgreSQL, Kafka and S3 a test JVM gets. Embedded by default (zonky PostgreSQL, the in-JVM KRaft broker,
 * s3proxy: no Docker needed, as on these machines and CI). With the switch on and a Docker engine reachable, the same
 * official images docker-compose.yml runs, through Testcontainers ({@link ContainerBackends}).
 *
 * <p>The switch: system property {@value #PROPERTY} or environment variable {@value #VARIABLE}, {@code true} or
 * {@code false} (the property wins). Asked for but no Docker engine: embedded, with a warning, so a laptop without
 * Docker still runs the suite.
 */
public record Backends(Kind kind, String reason) {
    public static final String PROPERTY = "crm.testkit.containers";
    public static final String VARIABLE = "CRM_TESTKIT_CONTAINERS";

    public enum Kind { EMBEDDED, CONTAINERS }

    /** The choice for this JVM, from its system properties and environment; Docker is probed only when asked for. */
    public static Backends select() {
        return select(System.getProperties().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))), System.getenv(),
                ContainerBackends::dockerAvailable);
    }

    static Backends select(Map<String, String> properties, Map<String, String> environment, BooleanSupplier docker) {
        String setting = properties.get(PROPERTY);
        String source = "-D" + PROPERTY;
        if (setting == null || setting.isBlank()) {
            setting = environment.get(VARIABLE);
            source = VARIABLE;
        }
        if (setting == null || setting.isBlank()) {
            return new Backends(Kind.EMBEDDED, "embedded backends (zonky PostgreSQL, in-JVM Kafka, s3proxy); "
                    + VARIABLE + "=true asks for Testcontainers");
        }
        boolean wanted = switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(source + " must be true or false, not '" + setting + "'");
        };
        if (!wanted) {
            return new Backends(Kind.EMBEDDED, "embedded backends (" + source + "=" + setting.trim() + ")");
        }
        if (!docker.getAsBoolean()) {
            return new Backends(Kind.EMBEDDED, "embedded backends: " + source + " asks for Testcontainers but no Docker "
                    + "engine is reachable");
        }
        return new Backends(Kind.CONTAINERS, "Testcontainers (" + source + "): " + ContainerBackends.POSTGRES_IMAGE + ", "
                + ContainerBackends.KAFKA_IMAGE + ", " + ContainerBackends.MINIO_IMAGE);
    }

    public boolean containers() {
        return kind == Kind.CONTAINERS;
    }
}
