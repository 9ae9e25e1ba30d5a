package com.keystone.crm.tools.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What configuration a Quarkus service reads, derived from its sources (the method deploy/README.md describes):
 * <ul>
 * <li><b>known properties</b>: every key of its {@code application.properties} and of the chassis defaults
 * ({@code META-INF/microprofile-config.properties}), in any profile; keys given as commented examples
 * ({@code # crm.notify.public-base-url=...}); every property of a {@code @ConfigMapping} of the service or the
 * chassis (map keys as {@code *}); names looked up at run time under a literal prefix
 * ({@code config.getOptionalValue("crm.mls.credentials." + ref ...)}, as {@code prefix*});</li>
 * <li><b>environment references</b>: {@code ${NAME}} / {@code ${NAME:default}} in property values;</li>
 * <li><b>needed from the environment</b> in a deployment: a property whose default only works on a developer's
 * machine (its value names {@code localhost} or says {@code not-for-production}), a secret (its last name segment
 * ends in {@code password}, {@code secret} or {@code token}), and an environment reference without a default.</li>
 * </ul>
 */
public final class ServiceConfig {
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#\\s*([a-z][a-z0-9]*(?:\\.[a-zA-Z0-9\\-\"*]+)+)\\s*=.*");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern LOOKUP_PREFIX = Pattern.compile(
            "get(?:Optional)?Value\\(\\s*\"([a-z][a-z0-9.\\-]*\\.)(?:\\\\\"|\")");
    private static final Pattern SECRET = Pattern.compile(".*(password|secret|token)\"?$");

    private final String name;
    private final Set<String> knownPatterns = new LinkedHashSet<>();
    private final Map<String, Boolean> envReferences = new LinkedHashMap<>();
    private final Set<String> neededProperties = new LinkedHashSet<>();

    private ServiceConfig(String name) {
        this.name = name;
    }

    public static ServiceConfig of(String service) {
        ServiceConfig config = new ServiceConfig(service);
        config.readProperties(Repo.path("platform/chassis/src/main/resources/META-INF/microprofile-config.properties"));
        config.readProperties(Repo.path(service + "/src/main/resources/application.properties"));
        config.readSources(Repo.path("platform/chassis/src/main/java"));
        config.readSources(Repo.path(service + "/src/main/java"));
        return config;
    }

    public String name() {
        return name;
    }

    public Set<String> knownPatterns() {
        return knownPatterns;
    }

    /** Environment variables referenced as {@code ${NAME}}, with whether the reference has a default. */
    public Map<String, Boolean> envReferences() {
        return envReferences;
    }

    public Set<String> neededProperties() {
        return neededProperties;
    }

    /** Whether setting this variable changes something the service reads. */
    public boolean reads(String variable) {
        if (envReferences.containsKey(variable)) {
            return true;
        }
        return knownPatterns.stream().anyMatch(p -> EnvNames.pattern(p).matcher(variable).matches());
    }

    /** What a deployment must set for this service, as variable names. */
    public Set<String> neededVariables() {
        Set<String> needed = new LinkedHashSet<>();
        neededProperties.forEach(p -> needed.add(EnvNames.of(p)));
        envReferences.forEach((variable, hasDefault) -> {
            if (!hasDefault) {
                needed.add(variable);
            }
        });
        return needed;
    }

    private void readProperties(Path file) {
        for (String raw : lines(file)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#") || line.startsWith("!")) {
                Matcher commented = COMMENTED_KEY.matcher(line);
                if (commented.matches()) {
                    knownPatterns.add(commented.group(1));
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            boolean profiled = key.startsWith("%");
            if (profiled) {
                key = key.substring(key.indexOf('.') + 1);
            }
            knownPatterns.add(key);
            Matcher reference = ENV_REFERENCE.matcher(value);
            while (reference.find()) {
                envReferences.merge(reference.group(1), reference.group(2) != null, Boolean::logicalAnd);
            }
            if (!profiled && !value.contains("${") && needsEnvironment(key, value)) {
                neededProperties.add(key);
            }
        }
    }

    static boolean needsEnvironment(String key, String value) {
        return value.contains("localhost") || value.contains("not-for-production") || SECRET.matcher(key).matches();
    }

    private void readSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                knownPatterns.addAll(ConfigMappingScanner.properties(source));
                Matcher lookup = LOOKUP_PREFIX.matcher(source);
                while (lookup.find()) {
                    knownPatterns.add(lookup.group(1) + "*");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
