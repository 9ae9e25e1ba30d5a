package com.keystone.crm.tools.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository checkout the checks read: {@code crm.root} (set by the parent pom), else found upwards. */
public final class Repo {
    /** The six services, by directory name (= artifactId, database, Helm values key; DESIGN §7). */
    public static final List<String> SERVICES = List.of("api-gateway", "lead-service", "property-sync-service",
            "workflow-service", "scoring-service", "notification-service");

    private Repo() {
    }

    public static Path root() {
        String configured = System.getProperty("crm.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "deploy"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found (no docker-compose.yml above the working directory)");
        }
        return dir;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
