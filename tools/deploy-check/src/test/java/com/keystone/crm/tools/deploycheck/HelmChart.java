package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** deploy/helm/keystone-crm rendered by the Helm embedded in helm-java; renders are kept per values file. */
public final class HelmChart {
    public static final String RELEASE = "crm";
    public static final String NAMESPACE = "keystone";
    private static final Map<String, List<JsonNode>> RENDERS = new ConcurrentHashMap<>();

    private HelmChart() {
    }

    public static Path dir() {
        return Repo.path("deploy/helm/keystone-crm");
    }

    public static Path productionValues() {
        return dir().resolve("ci/production-values.yaml");
    }

    /** The chart with its default values, hooks included (see {@link #withHooksAsResources}). */
    public static List<JsonNode> defaults() {
        return RENDERS.computeIfAbsent("defaults", k -> YamlDocuments.all(template(withHooksAsResources(), (Path) null)));
    }

    public static List<JsonNode> production() {
        return RENDERS.computeIfAbsent("production",
                k -> YamlDocuments.all(template(withHooksAsResources(), productionValues())));
    }

    /** helm install --dry-run, client only: the NOTES.txt as an operator sees it. */
    public static String installNotes(Path valuesFile) {
        var command = new Helm(dir()).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun().clientOnly();
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call().getOutput();
    }

    /**
     * A copy of the chart whose hook annotations are removed. helm-java's template returns the release manifest
     * without the hooks (the topic provisioner Job, the generated Secrets); without the annotation they render as
     * plain objects and go through the same strict and policy checks.
     */
    static synchronized Path withHooksAsResources() {
        try {
            if (hooklessCopy == null) {
                Path copy = java.nio.file.Files.createTempDirectory("keystone-crm-chart");
                try (var files = java.nio.file.Files.walk(dir())) {
                    for (Path source : files.toList()) {
                        Path target = copy.resolve(dir().relativize(source).toString());
                        if (java.nio.file.Files.isDirectory(source)) {
                            java.nio.file.Files.createDirectories(target);
                        } else if (source.toString().endsWith(".yaml") && source.getParent().endsWith("templates")) {
                            java.nio.file.Files.writeString(target, java.nio.file.Files.readString(source)
                                    .replaceAll("(?m)^\\s*helm\\.sh/hook[a-z\\-]*:.*\\n", ""));
                        } else {
                            java.nio.file.Files.copy(source, target);
                        }
                    }
                }
                hooklessCopy = copy;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = java.nio.file.Files.walk(copy)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (java.io.IOException ignored) {
                        // a temporary directory; the OS cleans it eventually
                    }
                }, "chart-copy-cleanup"));
            }
            return hooklessCopy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path hooklessCopy;

    public static String template(Path valuesFile) {
        return template(dir(), valuesFile);
    }

    public static String template(Path chart, Path valuesFile) {
        var command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call();
    }

    public static String templateWith(Path valuesFile, Map<String, Object> sets) {
        var command = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    public static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    public static String objectName(String service) {
        return RELEASE + "-" + service;
    }
}
