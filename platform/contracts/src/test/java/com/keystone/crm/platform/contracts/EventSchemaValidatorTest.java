package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemaValidatorTest {

    private final EventSchemaValidator validator = EventSchemaValidator.shared();

    static final List<String> EVENT_TYPES = EventTypes.ALL;

    private static final Map<String, List<String>> CONDITIONALLY_REQUIRED = Map.of(
            EventTypes.LEAD_ACTIVITY_RECORDED, List.of("listingKey", "savedSearchId", "matchReason"),
            EventTypes.NOTIFICATION_REQUESTED, List.of("templateKey"));

    // ---------------------------------------------------------------- valid examples

    @ParameterizedTest(name = "{0}")
    @FieldSource("EVENT_TYPES")
    void theExampleOfEveryEventTypeIsValid(String eventType) {
        ObjectNode example = Examples.of(eventType);
        ValidationResult result = validator.validate(eventType, example);
        assertThat(result.errors()).as(eventType).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.eventType()).isEqualTo(eventType);
        assertThat(result.summary()).isEqualTo("valid");
        assertThat(validator.validate(eventType, example.toString()).isValid()).isTrue();
        assertThat(validator.validate(eventType, example.toString().getBytes(StandardCharsets.UTF_8)).isValid()).isTrue();
        assertThatCode(() -> validator.assertValid(eventType, example)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EVENT_TYPES")
    void theMinimalPayloadOfEveryEventTypeIsValid(String eventType) {
        ObjectNode example = Examples.of(eventType);
        ObjectNode minimal = Examples.MAPPER.createObjectNode();
        validator.schemaOf(eventType).orElseThrow().path("required")
                .forEach(field -> minimal.set(field.asText(), example.get(field.asText())));
        // fields demanded by a conditional (if/then, anyOf) rather than by "required"
        CONDITIONALLY_REQUIRED.getOrDefault(eventType, List.of())
                .forEach(field -> minimal.set(field, example.get(field)));
        assertThat(validator.validate(eventType, minimal).errors()).as("only the required fields of " + eventType).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EVENT_TYPES")
    void unknownFieldsAreAcceptedForAdditiveEvolution(String eventType) {
        ObjectNode example = Examples.of(eventType);
        example.put("someFutureField", "added in a later version");
        example.putObject("anotherFutureField").put("nested", true);
        assertThat(validator.validate(eventType, example).isValid()).isTrue();
    }

    // ---------------------------------------------------------------- invalid payloads

    static Stream<Arguments> requiredFields() {
        List<Arguments> out = new ArrayList<>();
        for (String eventType : EventTypes.ALL) {
            EventSchemaValidator.shared().schemaOf(eventType).orElseThrow().path("required")
                    .forEach(field -> out.add(Arguments.of(eventType, field.asText())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void aMissingRequiredFieldIsReportedByName(String eventType, String field) {
        ObjectNode payload = Examples.of(eventType);
        payload.remove(field);
        ValidationResult result = validator.validate(eventType, payload);
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).contains("$: required property '" + field + "' not found");
    }

    @Test
    void missingRequiredFieldsOfLeadCreatedAreAllListed() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.remove(List.of("status", "source", "createdBy"));
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).containsExactly(
                "$: required property 'createdBy' not found",
                "$: required property 'source' not found",
                "$: required property 'status' not found");
    }

    @Test
    void wrongTypesAreReported() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.put("version", "1");
        payload.put("tags", "vip");
        payload.put("firstName", 42);
        List<String> errors = validator.validate(EventTypes.LEAD_CREATED, payload).errors();
        assertThat(errors).hasSize(3);
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.version: string found, integer expected"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.tags: string found, array expected"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("$.firstName: integer found, string expected"));
    }

    @Test
    void versionStartsAtOne() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_STATUS_CHANGED);
        payload.put("version", 0);
        assertThat(validator.validate(EventTypes.LEAD_STATUS_CHANGED, payload).errors())
                .singleElement().asString().startsWith("$.version: must have a minimum value of 1");
        payload.put("version", 1.5);
        assertThat(validator.validate(EventTypes.LEAD_STATUS_CHANGED, payload).errors())
                .singleElement().asString().contains("$.version", "integer expected");
    }

    @Test
    void aValueOutsideAnEnumIsReportedWithTheAllowedValues() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_STATUS_CHANGED);
        payload.put("toStatus", "hot");
        assertThat(validator.validate(EventTypes.LEAD_STATUS_CHANGED, payload).errors()).singleElement().asString()
                .startsWith("$.toStatus: does not have a value in the enumeration")
                .contains("new", "attempted-contact", "contacted", "appointment-set", "active-client",
                        "under-contract", "closed-won", "lost", "archived");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-03-03", "2025-03-03T14:15:22", "2025-13-03T14:15:22Z",
            "2025-02-30T10:00:00Z", "2025-03-03 14:15:22Z", ""})
    void aBadDateTimeIsRejected(String occurredAt) {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.put("occurredAt", occurredAt);
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.occurredAt: does not match the date-time pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-03T14:15:22Z", "2025-03-03T14:15:22.123456Z", "2025-03-03T14:15:22+05:30",
            "2025-03-03T14:15:22-08:00"})
    void rfc3339DateTimesAreAccepted(String occurredAt) {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.put("occurredAt", occurredAt);
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "3f6c2a1e8b7d4c2a9e1f5a6b7c8d9e0f", "3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0", "42"})
    void aBadUuidIsRejected(String leadId) {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.put("leadId", leadId);
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.leadId: does not match the uuid pattern");
    }

    @Test
    void aBadUuidInsideANestedObjectIsRejected() {
        ObjectNode payload = Examples.of(EventTypes.NOTIFICATION_REQUESTED);
        ((ObjectNode) payload.get("recipient")).put("leadId", "lead-1");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, payload).errors()).singleElement().asString()
                .startsWith("$.recipient.leadId: does not match the uuid pattern");
    }

    @Test
    void aBadEmailIsRejected() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.putArray("emails").add("maria@example.com").add("not-an-email");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.emails[1]: does not match the email pattern");

        ObjectNode user = Examples.of(EventTypes.USER_CREATED);
        user.put("email", "jane@");
        assertThat(validator.validate(EventTypes.USER_CREATED, user).errors()).singleElement().asString()
                .startsWith("$.email: does not match the email pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria@example.com", "a.b+tag@sub.example.co.uk", "jane@acme-realty.test",
            "jane@acme.example", "ops@localhost", "müller@example.de", "a@b.realestate"})
    void validEmailsAreAcceptedIncludingReservedTestDomains(String email) {
        ObjectNode user = Examples.of(EventTypes.USER_CREATED);
        user.put("email", email);
        assertThat(validator.validate(EventTypes.USER_CREATED, user).errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@acme.test", "a..b@acme.com", "jane@acme.", "jane@acme.nosuchtld",
            "jane@.test", "jane doe@acme.test"})
    void invalidEmailsAreRejected(String email) {
        ObjectNode user = Examples.of(EventTypes.USER_CREATED);
        user.put("email", email);
        assertThat(validator.validate(EventTypes.USER_CREATED, user).errors()).singleElement().asString()
                .startsWith("$.email: does not match the email pattern");
    }

    @Test
    void aPhoneNotInE164IsRejected() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.putArray("phones").add("(415) 555-0123");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.phones[0]: does not match the regex pattern");
    }

    @Test
    void leadCreatedNullablesAndTypeEnum() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.putNull("assignedAgentId").putNull("teamId").putNull("timezone");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).isValid()).isTrue();
        payload.put("type", "landlord");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.type: does not have a value in the enumeration [\"buyer\", \"seller\", \"renter\", \"investor\"]");
        payload.put("type", "seller").putNull("source");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, payload).errors()).singleElement().asString()
                .startsWith("$.source: null found, string expected");
    }

    @Test
    void leadScoredBoundsTierAndReasons() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_SCORED);
        payload.put("score", 100.5);
        payload.put("tier", "lukewarm");
        ((ObjectNode) payload.get("reasons").get(1)).remove("feature");
        ((ObjectNode) payload.get("reasons").get(2)).put("contribution", "high");
        assertThat(validator.validate(EventTypes.LEAD_SCORED, payload).errors()).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("$.reasons[1]: required property 'feature' not found"),
                e -> assertThat(e).startsWith("$.reasons[2].contribution: string found, number expected"),
                e -> assertThat(e).startsWith("$.score: must have a maximum value of 100"),
                e -> assertThat(e).startsWith("$.tier: does not have a value in the enumeration [\"hot\", \"warm\", \"cool\", \"cold\"]"));
        ObjectNode fallback = Examples.of(EventTypes.LEAD_SCORED);
        fallback.put("score", 0).put("fallback", true).remove("reasons");
        assertThat(validator.validate(EventTypes.LEAD_SCORED, fallback).isValid()).isTrue();
    }

    @Test
    void userRolesAreAClosedNonEmptySet() {
        ObjectNode payload = Examples.of(EventTypes.USER_UPDATED);
        payload.putArray("roles").add("agent").add("superuser");
        assertThat(validator.validate(EventTypes.USER_UPDATED, payload).errors()).singleElement().asString()
                .startsWith("$.roles[1]: does not have a value in the enumeration [\"agent\", \"team-lead\", \"admin\"]");
        payload.putArray("roles");
        assertThat(validator.validate(EventTypes.USER_UPDATED, payload).errors()).singleElement().asString()
                .startsWith("$.roles: must have at least 1 items");
        payload.putArray("roles").add("admin");
        payload.put("active", "yes");
        assertThat(validator.validate(EventTypes.USER_UPDATED, payload).errors()).singleElement().asString()
                .startsWith("$.active: string found, boolean expected");
    }

    @Test
    void aListingMatchActivityNeedsItsListingAndSearch() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_ACTIVITY_RECORDED);
        payload.remove(List.of("listingKey", "matchReason"));
        assertThat(validator.validate(EventTypes.LEAD_ACTIVITY_RECORDED, payload).errors())
                .contains("$: required property 'listingKey' not found", "$: required property 'matchReason' not found");
        ObjectNode call = Examples.of(EventTypes.LEAD_ACTIVITY_RECORDED);
        call.put("activityType", "call-logged").put("channel", "call")
                .remove(List.of("listingKey", "savedSearchId", "matchReason", "listPrice", "previousListPrice"));
        assertThat(validator.validate(EventTypes.LEAD_ACTIVITY_RECORDED, call).isValid()).isTrue();
        call.put("activityType", "Call Logged");
        assertThat(validator.validate(EventTypes.LEAD_ACTIVITY_RECORDED, call).errors()).singleElement().asString()
                .startsWith("$.activityType: does not match the regex pattern");
    }

    @Test
    void propertyUpdatedUsesResoNamesAndEnums() {
        ObjectNode payload = Examples.of(EventTypes.PROPERTY_UPDATED);
        payload.put("StandardStatus", "active");
        payload.put("BedroomsTotal", -1);
        payload.put("ModificationTimestamp", "2025-03-05 07:58");
        assertThat(validator.validate(EventTypes.PROPERTY_UPDATED, payload).errors()).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("$.BedroomsTotal: must have a minimum value of 0"),
                e -> assertThat(e).startsWith("$.ModificationTimestamp: does not match the date-time pattern"),
                e -> assertThat(e).startsWith("$.StandardStatus: does not have a value in the enumeration"));
        ObjectNode created = Examples.of(EventTypes.PROPERTY_UPDATED);
        created.put("changeType", "created").putNull("previousListPrice").putNull("previousStandardStatus")
                .putNull("BedroomsTotal").putNull("PropertyType");
        created.putArray("changedFields");
        assertThat(validator.validate(EventTypes.PROPERTY_UPDATED, created).errors()).isEmpty();
    }

    @Test
    void aNotificationRequestNeedsATemplateOrABodyAndARecipientItCanReach() {
        ObjectNode payload = Examples.of(EventTypes.NOTIFICATION_REQUESTED);
        payload.remove("templateKey");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, payload).errors())
                .contains("$: required property 'templateKey' not found", "$: required property 'body' not found");
        payload.put("body", "Hi Maria, new listings in Oakland!");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, payload).isValid()).isTrue();

        ObjectNode reset = Examples.of(EventTypes.NOTIFICATION_REQUESTED);
        reset.put("channel", "email").put("category", "transactional").put("requestedBy", ServiceNames.API_GATEWAY)
                .put("templateKey", "password-reset").remove(List.of("leadId", "workflowId", "enrollmentId", "stepId"));
        reset.putObject("recipient").put("kind", "address");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, reset).errors())
                .contains("$.recipient: required property 'email' not found");
        ((ObjectNode) reset.get("recipient")).put("email", "jane.agent@acme-realty.example");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, reset).errors()).isEmpty();
        reset.putObject("recipient").put("kind", "user");
        assertThat(validator.validate(EventTypes.NOTIFICATION_REQUESTED, reset).errors())
                .containsExactly("$.recipient: required property 'userId' not found");
    }

    @Test
    void enrollmentStatesAreClosedAndFromStateMayBeNull() {
        ObjectNode payload = Examples.of(EventTypes.WORKFLOW_ENROLLMENT_CHANGED);
        payload.putNull("fromState").put("toState", "active");
        assertThat(validator.validate(EventTypes.WORKFLOW_ENROLLMENT_CHANGED, payload).isValid()).isTrue();
        payload.put("toState", "done");
        assertThat(validator.validate(EventTypes.WORKFLOW_ENROLLMENT_CHANGED, payload).errors()).singleElement()
                .asString().startsWith("$.toState: does not have a value in the enumeration");
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRejected() {
        assertThat(validator.validate(EventTypes.LEAD_CREATED, Examples.MAPPER.createArrayNode()).errors())
                .singleElement().asString().startsWith("$: array found, object expected");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, NullNode.getInstance()).errors())
                .singleElement().asString().startsWith("$: null found, object expected");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, "\"lead\"").errors())
                .singleElement().asString().startsWith("$: string found, object expected");
    }

    @Test
    void aMissingPayloadIsAnError() {
        assertThat(validator.validate(EventTypes.LEAD_CREATED, (JsonNode) null).errors()).containsExactly("$: payload is missing");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, (String) null).errors()).containsExactly("$: payload is missing");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, (byte[]) null).errors()).containsExactly("$: payload is missing");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, "").errors()).containsExactly("$: payload is missing");
    }

    @Test
    void malformedJsonIsAnErrorNotAnException() {
        assertThat(validator.validate(EventTypes.LEAD_CREATED, "{\"leadId\": ").errors()).singleElement().asString()
                .startsWith("$: payload is not valid JSON:");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, "{} {}").errors()).singleElement().asString()
                .startsWith("$: payload is not valid JSON:");
        String duplicate = "{\"leadId\": \"3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f\", \"leadId\": \"x\"}";
        assertThat(validator.validate(EventTypes.LEAD_CREATED, duplicate).errors()).singleElement().asString()
                .startsWith("$: payload is not valid JSON:").contains("Duplicate field 'leadId'");
        assertThat(validator.validate(EventTypes.LEAD_CREATED, "{oops".getBytes(StandardCharsets.UTF_8)).errors())
                .singleElement().asString().startsWith("$: payload is not valid JSON:");
    }

    @Test
    void anUnknownEventTypeIsAnError() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        for (String type : new String[] {"lead.deleted", "LeadCreatedEvent", "com.keystone.crm.LeadCreated", null}) {
            ValidationResult result = validator.validate(type, payload);
            assertThat(result.isValid()).as(type).isFalse();
            assertThat(result.errors()).singleElement().asString()
                    .startsWith("unknown event type '" + type + "'").contains("lead.created", "lead.scored");
            assertThat(validator.validate(type, payload.toString()).isValid()).isFalse();
            assertThat(validator.validate(type, payload.toString().getBytes(StandardCharsets.UTF_8)).isValid()).isFalse();
        }
        assertThat(validator.knows("lead.deleted")).isFalse();
        assertThat(validator.knows(null)).isFalse();
        assertThat(validator.schemaOf("lead.deleted")).isEmpty();
        assertThat(validator.schemaOf(null)).isEmpty();
        assertThatThrownBy(() -> validator.assertValid("lead.deleted", payload))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown event type 'lead.deleted'");
    }

    @Test
    void assertValidThrowsWithEveryError() {
        ObjectNode payload = Examples.of(EventTypes.LEAD_CREATED);
        payload.remove("status");
        payload.put("leadId", "nope");
        assertThatThrownBy(() -> validator.assertValid(EventTypes.LEAD_CREATED, payload))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.eventType()).isEqualTo("lead.created");
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.getMessage()).startsWith("invalid 'lead.created' event: ")
                            .contains("$: required property 'status' not found")
                            .contains("$.leadId: does not match the uuid pattern");
                });
        assertThatThrownBy(() -> validator.assertValid(EventTypes.LEAD_CREATED, payload.toString()))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> validator.assertValid(EventTypes.LEAD_CREATED, payload.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatCode(() -> validator.assertValid(EventTypes.LEAD_CREATED, Examples.of(EventTypes.LEAD_CREATED).toString()))
                .doesNotThrowAnyException();
    }

    @Test
    void validationResultHelpers() {
        ValidationResult invalid = ValidationResult.invalid("x.y", List.of("a", "b"));
        assertThat(invalid.summary()).isEqualTo("a; b");
        assertThatThrownBy(invalid::orThrow).isInstanceOf(InvalidEventException.class).hasMessage("invalid 'x.y' event: a; b");
        assertThat(ValidationResult.valid("x.y").orThrow().isValid()).isTrue();
        assertThatThrownBy(() -> ValidationResult.invalid("x.y", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ValidationResult("x.y", null).errors()).isEmpty();
        assertThat(new InvalidEventException(null, null).getMessage()).isEqualTo("invalid event: ");
    }

    // ---------------------------------------------------------------- the validator itself

    @Test
    void formatAssertionsAreEnforcedForDraft202012() {
        // draft 2020-12 treats "format" as an annotation unless assertions are switched on: prove they are.
        ObjectNode payload = Examples.of(EventTypes.USER_CREATED);
        payload.put("occurredAt", "not a date").put("email", "not an email");
        ObjectNode lead = Examples.of(EventTypes.LEAD_SCORED);
        lead.put("leadId", "not-a-uuid");
        assertThat(validator.validate(EventTypes.USER_CREATED, payload).errors()).hasSize(2);
        assertThat(validator.validate(EventTypes.LEAD_SCORED, lead).errors()).hasSize(1);
        ObjectNode property = Examples.of(EventTypes.PROPERTY_UPDATED);
        property.put("OnMarketDate", "20/02/2025");
        ((ArrayNode) property.get("Media")).addObject().put("MediaKey", "k").put("MediaURL", "not a uri");
        assertThat(validator.validate(EventTypes.PROPERTY_UPDATED, property).errors()).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("$.Media[1].MediaURL: does not match the uri pattern"),
                e -> assertThat(e).startsWith("$.OnMarketDate: does not match the date pattern"));
    }

    @Test
    void aNewInstanceLoadsTheSameSchemas() {
        EventSchemaValidator fresh = new EventSchemaValidator();
        assertThat(fresh.eventTypes()).containsExactlyElementsOf(validator.eventTypes());
        assertThat(EventSchemaValidator.shared()).isSameAs(validator);
    }

    @Test
    void aMissingSchemaFailsConstruction() {
        String json = """
                {"services": ["lead-service"],
                 "topics": [{"topic": "lead.merged", "kind": "event", "key": "leadId", "producer": "lead-service",
                             "partitions": 6, "retention": "P7D", "retentionMs": 604800000,
                             "schema": "schemas/lead.merged.schema.json"}]}
                """;
        TopicCatalogue catalogue = TopicCatalogue.fromJson(
                new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new EventSchemaValidator(catalogue))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot load schema of 'lead.merged'");
    }

    @Test
    void isThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String type = EventTypes.ALL.get(i % EventTypes.ALL.size());
                boolean breakIt = i % 2 == 1;
                jobs.add(() -> {
                    ObjectNode payload = Examples.of(type);
                    if (breakIt) {
                        payload.put("occurredAt", "soon");
                    }
                    return validator.validate(type, payload.toString()).isValid() == !breakIt;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(jobs)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
