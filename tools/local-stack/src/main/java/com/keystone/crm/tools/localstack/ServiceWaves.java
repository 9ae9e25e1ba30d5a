package com.keystone.crm.tools.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * The order services boot in: the api-gateway alone first (the others verify tokens against its JWKS, and the demo
 * tenant is seeded through it), then the rest in waves of {@code parallelism} started together. Starting several
 * at once shortens the time to the banner even on two cores: a booting Quarkus service spends much of its time
 * waiting (class loading from disk, Flyway, Kafka and database connections), not computing.
 */
final class ServiceWaves {
    static final String PARALLELISM_ENV = "LOCAL_STACK_PARALLEL_SERVICES";
    static final int DEFAULT_PARALLELISM = 5;
    private static final String FIRST = "api-gateway";

    private ServiceWaves() {
    }

    static <S extends HasSpec> List<List<S>> of(List<S> services, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        List<List<S>> waves = new ArrayList<>();
        List<S> rest = new ArrayList<>();
        for (S s : services) {
            if (s.spec().name().equals(FIRST)) {
                waves.add(List.of(s));
            } else {
                rest.add(s);
            }
        }
        for (int i = 0; i < rest.size(); i += parallelism) {
            waves.add(List.copyOf(rest.subList(i, Math.min(rest.size(), i + parallelism))));
        }
        return waves;
    }

    /** {@code $LOCAL_STACK_PARALLEL_SERVICES} (1 = one after the other, as before), else the default. */
    static int parallelism() {
        return parse(System.getenv(PARALLELISM_ENV));
    }

    static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PARALLELISM;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 ? n : DEFAULT_PARALLELISM;
        } catch (NumberFormatException e) {
            return DEFAULT_PARALLELISM;
        }
    }

    /** Anything that names its service (the nodes, and plain specs in tests). */
    interface HasSpec {
        ServiceSpec spec();
    }
}
