package com.keystone.crm.platform.chassis.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue #10 item 4: configured routes are audited (who, what, when, from where) through the outbox; refusals are not. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class DataAccessAuditHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode auditOf(String target) throws Exception {
        Map<String, Object> row = ChassisDatabase.row("SELECT payload::text AS p FROM outbox_event WHERE type = 'audit.recorded' "
                + "AND payload->>'targetId' = ?", target).orElseThrow();
        return JSON.readTree(row.get("p").toString());
    }

    @Test
    void aSuccessfulDeleteIsAuditedWithWhoWhatAndWhereFrom() throws Exception {
        String id = "thing-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.token("acme", "auditor-1", null, "admin"))
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.1").header("User-Agent", "KeystoneApp/3.1 (iOS 18)")
                .header("X-Request-Id", "req-audit-1")
                .delete("/test/audited/" + id).then().statusCode(204);

        JsonNode audit = auditOf(id);
        assertThat(audit.get("action").asText()).isEqualTo("thing.deleted");
        assertThat(audit.get("service").asText()).isEqualTo("chassis-test");
        assertThat(audit.get("tenantId").asText()).isEqualTo("acme");
        assertThat(audit.get("actorId").asText()).isEqualTo("auditor-1");
        assertThat(audit.get("method").asText()).isEqualTo("DELETE");
        assertThat(audit.get("status").asInt()).isEqualTo(204);
        assertThat(audit.get("clientIp").asText()).isEqualTo("203.0.113.7");
        assertThat(audit.get("peerIp").asText()).isNotBlank();
        assertThat(audit.get("userAgent").asText()).isEqualTo("KeystoneApp/3.1 (iOS 18)");
        assertThat(audit.get("requestId").asText()).isEqualTo("req-audit-1");
        assertThat(EventSchemaValidator.shared().validate("audit.recorded", audit).isValid()).isTrue();
    }

    @Test
    void aCreateIsAuditedWithTheIdOfItsLocation() throws Exception {
        given().auth().oauth2(TestTokens.token("acme", "auditor-2", null, "admin"))
                .post("/test/audited/jobs").then().statusCode(202);
        JsonNode audit = auditOf("job-42");
        assertThat(audit.get("action").asText()).isEqualTo("thing.imported");
        // without X-Forwarded-For (a direct call), the client is the peer
        assertThat(audit.get("clientIp").asText()).isEqualTo(audit.get("peerIp").asText());
    }

    @Test
    void refusedRequestsAreNotDataAccess() {
        String id = "missing-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.token("acme", "auditor-3", null, "admin"))
                .delete("/test/audited/" + id).then().statusCode(404);
        given().delete("/test/audited/thing-anonymous").then().statusCode(401);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM outbox_event WHERE type = 'audit.recorded' "
                + "AND payload->>'targetId' IN (?, 'thing-anonymous')", id)).isZero();
    }
}
