package com.keystone.crm.platform.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** OutboxWriter inside real transactions on PostgreSQL: the row Debezium reads, or no row at all. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxWriterDatabaseTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "outbox-realty";

    static ValidatableResponse create(UUID id, UUID eventId, double score, boolean failAfterAppend) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("eventId", eventId);
        body.put("name", "widget-" + id);
        body.put("score", score);
        body.put("tier", "hot");
        body.put("failAfterAppend", failAfterAppend);
        return given().auth().oauth2(TestTokens.token(TENANT, "agent-otto", null, "agent"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/test/widgets").then();
    }

    static long outboxRows(UUID eventId) {
        return ChassisDatabase.count("SELECT count(*) FROM outbox_event WHERE id = ?", eventId);
    }

    static long widgets(UUID id) {
        return ChassisDatabase.count("SELECT count(*) FROM widget WHERE id = ?", id);
    }

    @Test
    void appendWritesTheRowInDebeziumsShape() throws Exception {
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String occurredAt = create(id, eventId, 87.5, false).statusCode(201).extract().path("occurredAt");

        Map<String, Object> row = ChassisDatabase.row("""
                SELECT id, aggregatetype, aggregateid, type, payload::text AS payload, jsonb_typeof(payload) AS payload_kind,
                       source, specversion, content_type, occurred_at, tenant_id, traceparent
                FROM outbox_event WHERE id = ?""", eventId).orElseThrow();
        assertThat(row.get("id")).isEqualTo(eventId);
        assertThat(row.get("type")).isEqualTo("lead.scored");
        assertThat(row.get("aggregatetype")).isEqualTo("lead");
        assertThat(row.get("aggregateid")).isEqualTo(id.toString());
        assertThat(row.get("payload_kind")).as("jsonb holds an object, not a JSON string").isEqualTo("object");
        assertThat(row.get("source")).isEqualTo("/chassis-test");
        assertThat(row.get("specversion")).isEqualTo("1.0");
        assertThat(row.get("content_type")).isEqualTo("application/json");
        assertThat(((Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(Instant.parse(occurredAt));
        assertThat(row.get("tenant_id")).isEqualTo(TENANT);
        // the request's span (observability.CurrentTraceparent), carried by the relay as the record's traceparent
        assertThat((String) row.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        JsonNode payload = JSON.readTree((String) row.get("payload"));
        assertThat(payload.get("leadId").asText()).isEqualTo(id.toString());
        assertThat(payload.get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(payload.get("score").asDouble()).isEqualTo(87.5);
        assertThat(payload.get("occurredAt").isTextual()).as("an Instant is written as an RFC 3339 string").isTrue();
        assertThat(Instant.parse(payload.get("occurredAt").asText())).isEqualTo(Instant.parse(occurredAt));
        assertThat(EventSchemaValidator.shared().validate("lead.scored", payload).errors()).isEmpty();

        assertThat(widgets(id)).as("the change committed with its event").isEqualTo(1);
    }

    @Test
    void aPayloadBreakingTheContractIsRefusedAndNothingIsWritten() {
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        create(id, eventId, 250, false).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-event"));
        assertThat(outboxRows(eventId)).isZero();
        assertThat(widgets(id)).isZero();
    }

    @Test
    void aRollbackAfterAppendLeavesNoOutboxRow() {
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        create(id, eventId, 40, true).statusCode(409)
                .body("type", equalTo(Problem.TYPE_BASE + "forced-rollback"));
        assertThat(outboxRows(eventId)).isZero();
        assertThat(widgets(id)).isZero();

        // the same ids commit afterwards: nothing of the rolled-back transaction was left behind
        create(id, eventId, 40, false).statusCode(201);
        assertThat(outboxRows(eventId)).isEqualTo(1);
    }

    @Test
    void aSecondEventWithTheSameIdFailsTheWholeTransaction() {
        UUID eventId = UUID.randomUUID();
        create(UUID.randomUUID(), eventId, 10, false).statusCode(201);
        UUID second = UUID.randomUUID();
        create(second, eventId, 20, false).statusCode(409)
                .body("type", equalTo(Problem.TYPE_BASE + "conflict"));
        assertThat(outboxRows(eventId)).isEqualTo(1);
        assertThat(widgets(second)).isZero();
    }

    @Test
    void debeziumStreamsTheOutboxTableOnly() {
        assertThat(ChassisDatabase.count("""
                SELECT count(*) FROM pg_publication_tables WHERE pubname = 'crm_outbox'""")).isEqualTo(1);
        assertThat(ChassisDatabase.count("""
                SELECT count(*) FROM pg_publication_tables WHERE pubname = 'crm_outbox' AND tablename = 'outbox_event'""")).isEqualTo(1);
    }
}
