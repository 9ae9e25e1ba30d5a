package com.keystone.crm.tools.localstack;

import java.util.List;
import java.util.Optional;

/**
 * One Quarkus service of the system: its directory name (also its artifactId, database name and Kafka group.id)
 * and the HTTP port it gets in the local stack.
 */
public record ServiceSpec(String name, int port) {

    /** Every service of DESIGN §2, in the order the local stack starts them (and stops them in reverse). */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("api-gateway", 8080),
            new ServiceSpec("lead-service", 8081),
            new ServiceSpec("property-sync-service", 8082),
            new ServiceSpec("workflow-service", 8083),
            new ServiceSpec("scoring-service", 8084),
            new ServiceSpec("notification-service", 8085));

    public static Optional<ServiceSpec> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The database of this service: named like the service (contains hyphens, so it must be quoted in SQL). */
    public String database() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The management interface (/q/health, /q/metrics): never on the public port; the HTTP port + 1000. */
    public int managementPort() {
        return port + 1000;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort();
    }
}
