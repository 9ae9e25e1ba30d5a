package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema files and the catalogue describe the same set of event types, and every schema follows the house rules. */
class SchemaFilesTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    static Stream<TopicSpec> eventTopics() {
        return CATALOGUE.eventTopics().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTopics")
    void everyCatalogueSchemaExistsAndLoads(TopicSpec topic) {
        JsonNode schema = Examples.read(topic.schemaResource().orElseThrow());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText())
                .isEqualTo(EventSchemaValidator.SCHEMA_BASE_URI + topic.topic() + ".schema.json");
        assertThat(schema.path("title").asText()).isEqualTo(topic.topic());
        assertThat(EventSchemaValidator.shared().schemaOf(topic.topic())).contains(schema);
    }

    @Test
    void everySchemaFileIsInTheCatalogue() {
        List<String> expected = new ArrayList<>();
        CATALOGUE.eventTopics().forEach(t -> expected.add(t.schema().substring("schemas/".length())));
        expected.add("common.schema.json");
        assertThat(Examples.schemaFileNames()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTopics")
    void everySchemaCarriesTheEnvelopeAndTheKeyAndStaysOpen(TopicSpec topic) {
        JsonNode schema = EventSchemaValidator.shared().schemaOf(topic.topic()).orElseThrow();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(false))
                .as("additive evolution: unknown fields are allowed").isTrue();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).contains(topic.key(), "tenantId", "version", "occurredAt");
        JsonNode properties = schema.path("properties");
        assertThat(properties.path("tenantId").path("$ref").asText()).isEqualTo("common.schema.json#/$defs/tenantId");
        assertThat(properties.path("version").path("$ref").asText()).isEqualTo("common.schema.json#/$defs/version");
        assertThat(properties.path("occurredAt").path("$ref").asText()).isEqualTo("common.schema.json#/$defs/occurredAt");
        assertThat(properties.has(topic.key())).isTrue();
        for (String field : required) {
            assertThat(properties.has(field)).as(topic.topic() + ": required field '" + field + "' is described").isTrue();
        }
        properties.fieldNames().forEachRemaining(field -> assertThat(field)
                .as(topic.topic() + ": fields are camelCase (RESO Data Dictionary names on property topics)")
                .matches(topic.topic().startsWith("property.") ? "[A-Za-z][A-Za-z0-9]*" : "[a-z][A-Za-z0-9]*"));
    }
}
