package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart agrees with the sources of truth: topics.json, deploy/connect, the services' configuration. */
class HelmContractTest {

    @Test
    void renderedTopicsAreTheCatalogue() throws IOException {
        JsonNode catalogue = YamlDocuments.JSON.readTree(
                Repo.path("platform/contracts/src/main/resources/contracts/topics.json").toFile());
        Map<String, String> expected = new TreeMap<>();
        catalogue.path("topics").forEach(t -> expected.put(t.path("topic").asText(),
                t.path("partitions").asInt() + " partitions, retention.ms " + t.path("retentionMs").asLong()));
        Map<String, String> rendered = new TreeMap<>();
        for (JsonNode topic : HelmChart.ofKind(HelmChart.production(), "KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            rendered.put(spec.path("topicName").asText(), spec.path("partitions").asInt() + " partitions, retention.ms "
                    + spec.path("config").path("retention.ms").asLong());
            assertThat(spec.path("replicas").asInt()).isEqualTo(3);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("keystone");
        }
        assertThat(expected).isNotEmpty();
        assertThat(rendered).isEqualTo(expected);
    }

    @Test
    void renderedConnectorsAreTheConnectorFiles() throws IOException {
        Map<String, JsonNode> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(Repo.path("deploy/connect"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode connector = YamlDocuments.JSON.readTree(file.toFile());
                expected.put(connector.path("name").asText(), connector.path("config"));
            }
        }
        Map<String, JsonNode> rendered = new TreeMap<>();
        for (JsonNode connector : HelmChart.ofKind(HelmChart.production(), "KafkaConnector")) {
            JsonNode spec = connector.path("spec");
            ObjectNode config = spec.path("config").deepCopy();
            // Strimzi carries the class and the task count as spec fields, not as config keys
            config.put("connector.class", spec.path("class").asText());
            config.put("tasks.max", spec.path("tasksMax").asText());
            rendered.put(connector.path("metadata").path("name").asText(), config);
            assertThat(connector.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .isEqualTo("keystone-connect");
        }
        assertThat(rendered).hasSameSizeAs(expected).isEqualTo(expected);
    }

    @Test
    void theChartsCopiesOfTheContractFilesAreCurrent() throws IOException {
        assertThat(Files.readString(HelmChart.dir().resolve("files/topics.json")))
                .as("refresh with: cp platform/contracts/src/main/resources/contracts/topics.json deploy/helm/keystone-crm/files/")
                .isEqualTo(Repo.read("platform/contracts/src/main/resources/contracts/topics.json"));
        try (Stream<Path> files = Files.list(Repo.path("deploy/connect"))) {
            List<String> names = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                names.add(file.getFileName().toString());
                assertThat(Files.readString(HelmChart.dir().resolve("files/connect").resolve(file.getFileName())))
                        .as("refresh with: cp deploy/connect/*.json deploy/helm/keystone-crm/files/connect/")
                        .isEqualTo(Files.readString(file));
            }
            try (Stream<Path> copies = Files.list(HelmChart.dir().resolve("files/connect"))) {
                assertThat(copies.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
            }
        }
    }

    @Test
    void everyVariableAServiceNeedsIsSetAndEverySetOneIsRead() {
        List<JsonNode> objects = HelmChart.defaults();
        for (String service : Repo.SERVICES) {
            String name = HelmChart.objectName(service);
            Set<String> set = new LinkedHashSet<>();
            HelmChart.named(objects, "ConfigMap", name).path("data").fieldNames().forEachRemaining(set::add);
            HelmChart.named(objects, "Secret", name).path("stringData").fieldNames().forEachRemaining(set::add);
            HelmChart.ofKind(objects, "Secret").stream()
                    .filter(s -> s.path("metadata").path("name").asText().equals(name + "-generated"))
                    .forEach(s -> s.path("stringData").fieldNames().forEachRemaining(set::add));
            HelmChart.named(objects, "Deployment", name).path("spec").path("template").path("spec").path("containers")
                    .get(0).path("env").forEach(e -> set.add(e.path("name").asText()));
            ServiceConfig config = ServiceConfig.of(service);
            // JAVA_TOOL_OPTIONS is read by the JVM itself
            assertThat(set).as("variables of %s that it never reads", service)
                    .allSatisfy(v -> assertThat(v.equals("JAVA_TOOL_OPTIONS") || config.reads(v)).as(v).isTrue());
            assertThat(set).as("what %s needs", service).containsAll(config.neededVariables());
        }
    }

    @Test
    void everyValueIsDocumentedWithAParamLine() {
        String values = Repo.read("deploy/helm/keystone-crm/values.yaml");
        Set<String> params = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^## @param ([^\\s]+) ").matcher(values);
        while (m.find()) {
            params.add(m.group(1));
        }
        JsonNode tree = YamlDocuments.one(values);
        List<String> leaves = new ArrayList<>();
        leaves(tree, "", leaves);
        assertThat(leaves).isNotEmpty().allSatisfy(leaf -> assertThat(
                params.stream().anyMatch(p -> leaf.equals(p) || leaf.startsWith(p + "."))).as(leaf).isTrue());
        // and no @param names a value that does not exist
        assertThat(params).allSatisfy(p -> assertThat(leaves.stream()
                .anyMatch(l -> l.equals(p) || l.startsWith(p + "."))).as(p).isTrue());
    }

    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else {
            out.add(path);
        }
    }

    @Test
    void defaultValuesAreWithinTheSchemaAndATypoIsNot() throws IOException {
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                .getSchema(YamlDocuments.JSON.readTree(HelmChart.dir().resolve("values.schema.json").toFile()));
        assertThat(schema.validate(YamlDocuments.one(Repo.read("deploy/helm/keystone-crm/values.yaml")))).isEmpty();
        // the production example is checked merged over these defaults, by Helm itself, when it is rendered
        Map<String, Object> typo = new LinkedHashMap<>();
        typo.put("ingres", Map.of("enabled", true));
        assertThat(schema.validate(YamlDocuments.JSON.valueToTree(typo))).isNotEmpty();
    }
}
