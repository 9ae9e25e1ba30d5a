package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.contracts.events.StandardStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated payload types and the schemas cannot drift apart: every example payload binds to its type and
 * serialises back to JSON that validates and says the same thing.
 */
class GeneratedPayloadsTest {

    static final List<String> ALL_TYPES = EventTypes.ALL;

    private static final JsonNode COMMON_DEFS = Examples.read("contracts/schemas/common.schema.json").path("$defs");

    private final EventSchemaValidator validator = EventSchemaValidator.shared();

    @ParameterizedTest
    @FieldSource("ALL_TYPES")
    void everyExampleBindsToItsTypeAndSerialisesBackToTheSameValidJson(String eventType) {
        ObjectNode example = Examples.of(eventType);
        Class<? extends EventPayload> type = EventPayloadTypes.shared().javaTypeOf(eventType).orElseThrow();

        EventPayload payload = EventJson.fromJson(eventType, example, type);
        JsonNode written = EventJson.toJson(payload);

        assertThat(validator.validate(eventType, written).errors()).isEmpty();
        assertThat(canonical(written)).isEqualTo(canonical(example));
        assertThat(payload.getTenantId()).isEqualTo(example.path("tenantId").asText());
        assertThat(payload.getVersion()).isEqualTo(example.path("version").asLong());
    }

    @ParameterizedTest
    @FieldSource("ALL_TYPES")
    void unknownPropertiesAreIgnoredOnRead(String eventType) {
        ObjectNode example = Examples.of(eventType);
        example.put("aFieldFromANewerSchema", "x").putObject("andAnObject").put("y", 1);
        Class<? extends EventPayload> type = EventPayloadTypes.shared().javaTypeOf(eventType).orElseThrow();

        JsonNode written = EventJson.toJson(EventJson.fromJson(eventType, example, type));

        assertThat(written.has("aFieldFromANewerSchema")).isFalse();
        assertThat(written.has("andAnObject")).isFalse();
    }

    @Test
    void schemaFormatsMapToJavaTypesAndBackToIsoText() {
        LeadScored scored = EventJson.fromJson("lead.scored", Examples.of("lead.scored"), LeadScored.class);
        assertThat(scored.getLeadId()).isInstanceOf(UUID.class);
        assertThat(scored.getScore()).isInstanceOf(BigDecimal.class);
        assertThat(scored.getTier()).isInstanceOf(ScoreTier.class);

        Instant micros = Instant.parse("2025-03-04T09:00:00.123456Z");
        LeadScored built = LeadScored.builder().withLeadId(UUID.randomUUID()).withTenantId("t").withVersion(1L)
                .withOccurredAt(micros).withScore(new BigDecimal("87.50")).withTier(ScoreTier.HOT)
                .withModelVersion("m1").build();
        JsonNode json = EventJson.toJson(built);
        assertThat(json.path("occurredAt").asText()).isEqualTo("2025-03-04T09:00:00.123456Z");
        assertThat(json.path("tier").asText()).isEqualTo("hot");
        assertThat(json.has("variant")).as("optional null fields are left out").isFalse();
        assertThat(json.get("previousTier").isNull()).as("an 'or null' field is written as null").isTrue();
        assertThat(validator.validate("lead.scored", json).errors()).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ALL_TYPES")
    void requiredAndNullablePropertiesAreWrittenOtherOptionalOnesOnlyWhenSet(String eventType) {
        JsonNode schema = validator.schemaOf(eventType).orElseThrow();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode minimal = Examples.of(eventType);
        minimal.retain(required);
        Class<? extends EventPayload> type = EventPayloadTypes.shared().javaTypeOf(eventType).orElseThrow();

        JsonNode written = EventJson.toJson(EventJson.fromJson(eventType, minimal, type));

        schema.path("properties").fields().forEachRemaining(property -> {
            String name = property.getKey();
            if (required.contains(name)) {
                assertThat(written.has(name)).as(eventType + "." + name + " is required").isTrue();
            } else if (nullable(property.getValue())) {
                assertThat(written.path(name).isNull()).as(eventType + "." + name + " is 'or null'").isTrue();
            } else {
                assertThat(written.has(name)).as(eventType + "." + name + " is optional, not set").isFalse();
            }
        });
    }

    /** Whether the schema allows null for a property, its common.schema.json definition resolved. */
    private static boolean nullable(JsonNode property) {
        JsonNode resolved = property;
        String ref = property.path("$ref").asText("");
        if (ref.startsWith("common.schema.json#/$defs/")) {
            resolved = COMMON_DEFS.path(ref.substring("common.schema.json#/$defs/".length()));
        }
        for (JsonNode t : resolved.path("type")) {
            if ("null".equals(t.asText())) {
                return true;
            }
        }
        for (JsonNode v : resolved.path("enum")) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anOffsetDateTimeIsReadAsTheSameInstant() {
        ObjectNode example = Examples.of("lead.updated");
        example.put("occurredAt", "2025-03-04T10:00:00+01:00");
        EventPayload payload = EventJson.fromJson("lead.updated",
                example, EventPayloadTypes.shared().javaTypeOf("lead.updated").orElseThrow());
        assertThat(payload.getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
    }

    @Test
    void aRequiredPropertyThatMayBeNullIsWrittenAsAnExplicitNull() {
        PropertyUpdated created = EventJson.fromJson("property.updated", Examples.of("property.updated"),
                PropertyUpdated.class);
        PropertyUpdated.PropertyUpdatedBuilderBase<? extends PropertyUpdated> copy = PropertyUpdated.builder();
        PropertyUpdated withoutPrices = copy.withListingKey(created.getListingKey()).withTenantId("t")
                .withVersion(1L).withOccurredAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .withProviderId("p").withChangeType(PropertyUpdated.ChangeType.CREATED)
                .withStandardStatus(StandardStatus.ACTIVE)
                .withModificationTimestamp(Instant.parse("2025-03-05T07:58:12Z")).build();

        JsonNode json = EventJson.toJson(withoutPrices);

        assertThat(json.has("previousListPrice")).isTrue();
        assertThat(json.get("previousListPrice").isNull()).isTrue();
        assertThat(json.get("ListPrice").isNull()).isTrue();
        assertThat(json.has("ListingId")).isFalse();
        assertThat(json.get("City").isNull()).isTrue();
        assertThat(validator.validate("property.updated", json).errors()).isEmpty();
    }

    @Test
    void aMissingRequiredPropertyIsWrittenAsNullSoTheSchemaRejectsIt() {
        LeadScored noModel = LeadScored.builder().withLeadId(UUID.randomUUID()).withTenantId("t").withVersion(1L)
                .withOccurredAt(Instant.now()).withScore(BigDecimal.TEN).withTier(ScoreTier.COLD).build();

        JsonNode json = EventJson.toJson(noModel);

        assertThat(validator.validate("lead.scored", json).errors())
                .anySatisfy(e -> assertThat(e).contains("modelVersion"));
    }

    @Test
    void aPayloadThatDoesNotBindIsAnInvalidEvent() {
        ObjectNode example = Examples.of("lead.scored");
        example.put("tier", "lukewarm");
        assertThatThrownBy(() -> EventJson.fromJson("lead.scored", example, LeadScored.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not bind to LeadScored");
    }

    /**
     * The example as the types say it: absent and null are the same for an optional property (the types leave
     * nulls out), and a date-time is the instant it names (the types keep instants, in UTC).
     */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Examples.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), canonical(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Examples.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        if (node.isTextual() && node.asText().length() > 10 && node.asText().charAt(10) == 'T') {
            try {
                return TextNode.valueOf(OffsetDateTime.parse(node.asText()).toInstant().toString());
            } catch (DateTimeParseException notADateTime) {
                return node;
            }
        }
        if (node.isNumber()) {
            return Examples.MAPPER.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
