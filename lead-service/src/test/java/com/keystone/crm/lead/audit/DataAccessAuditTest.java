package com.keystone.crm.lead.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 item 4 (DESIGN §5): lead reassignment, deletion and imports are audited — who, what, when and from where
 * (the client address and User-Agent the gateway forwards) — as audit.recorded events through the outbox, for the
 * gateway's audit log.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class DataAccessAuditTest {
    static final String TENANT = "audited-realty";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "aud-admin", "team-a", "admin");
        TestDirectory.ensureUser(TENANT, "aud-agent", "team-a", "agent");
    }

    static String admin() {
        return TestTokens.token(TENANT, "aud-admin", "team-a", "admin");
    }

    static JsonNode audited(String action, String target) {
        CapturedEvent e = KafkaEvents.awaitEvent("audit.recorded",
                r -> action.equals(r.value().get("action").asText()) && target.equals(r.value().path("targetId").asText()));
        KafkaEvents.assertCloudEvent(e, "audit.recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(e);
        return e.value();
    }

    @Test
    void reassignmentAndDeletionAreAuditedWithWhoAndWhereFrom() {
        String lead = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"firstName\":\"Ada\",\"lastName\":\"Audit\",\"email\":\"ada." + UUID.randomUUID().toString().substring(0, 6)
                        + "@audit.example.com\",\"source\":\"website\",\"type\":\"buyer\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        String etag = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.51.100.23").header("User-Agent", "KeystoneApp/3.1 (Android 15)")
                .body("{\"agentId\":\"aud-agent\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(200).extract().header("ETag");
        JsonNode reassigned = audited("lead.reassigned", lead);
        assertThat(reassigned.get("actorId").asText()).isEqualTo("aud-admin");
        assertThat(reassigned.get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(reassigned.get("clientIp").asText()).isEqualTo("198.51.100.23");
        assertThat(reassigned.get("userAgent").asText()).isEqualTo("KeystoneApp/3.1 (Android 15)");
        assertThat(reassigned.get("service").asText()).isEqualTo("lead-service");

        given().auth().oauth2(admin()).header("If-Match", etag).delete("/api/v1/leads/" + lead).then().statusCode(204);
        JsonNode deleted = audited("lead.deleted", lead);
        assertThat(deleted.get("method").asText()).isEqualTo("DELETE");
        assertThat(deleted.get("status").asInt()).isEqualTo(204);
        assertThat(deleted.get("peerIp").asText()).isNotBlank();
    }

    @Test
    void aRefusedDeletionIsNotAudited() {
        String missing = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).header("If-Match", "\"1\"").delete("/api/v1/leads/" + missing).then().statusCode(404);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE type = 'audit.recorded' "
                + "AND payload->>'targetId' = ?", missing)).isZero();
    }

    @Test
    void anImportIsAuditedWithItsJob() {
        String csv = "Email\nimp.audit." + UUID.randomUUID().toString().substring(0, 6) + "@audit.example.com\n";
        String location = given().auth().oauth2(admin())
                .multiPart("file", "leads.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("mapping", "{\"columns\": {\"Email\": \"email\"}}", "application/json")
                .post("/api/v1/lead-imports").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        JsonNode imported = audited("lead.imported", job);
        assertThat(imported.get("actorId").asText()).isEqualTo("aud-admin");
    }
}
