package com.keystone.crm.lead.lead.rest;

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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Profile edits with If-Match, the status pipeline and soft deletion, each with its event on Kafka. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadLifecycleTest {
    static final String TENANT = "lifecycle-realty";
    static final String AGENT = "agent-lou";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "team-l", "agent");
    }

    static String token() {
        return TestTokens.token(TENANT, AGENT, "team-l", "agent");
    }

    static String create(String lastName) {
        return given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("""
                        {"firstName":"Lia","lastName":"%s","email":" Lia@Example.COM ","emails":["lia@example.com","lia.work@example.com"],
                         "phone":"(415) 555-0100","phones":["+1 303 555 0142"],"source":"open-house","type":"buyer",
                         "city":"Denver","postalCode":"80202","propertyType":"Condo","budgetMin":300000,"budgetMax":550000,
                         "preferredAreas":["LoDo","Highlands","LoDo"],"timeframe":"0-3-months","tags":["vip","first-time"],
                         "consent":{"email":true,"sms":true},"timezone":"America/Denver"}""".formatted(lastName))
                .post("/api/v1/leads").then().statusCode(201)
                .body("email", equalTo("lia@example.com"))
                .body("emails", contains("lia@example.com", "lia.work@example.com"))
                .body("phone", equalTo("+14155550100"))
                .body("phones", contains("+14155550100", "+13035550142"))
                .body("preferredAreas", contains("LoDo", "Highlands"))
                .body("timeframe", equalTo("0-3-months"))
                .body("consent.email", equalTo(true))
                .extract().path("id");
    }

    @Test
    void aPatchNeedsTheCurrentETagAndPublishesLeadUpdated() {
        String id = create("Patch");
        given().auth().oauth2(token()).contentType(ContentType.JSON).body("{\"city\":\"Boulder\"}")
                .patch("/api/v1/leads/" + id).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"city\":\"Boulder\"}")
                .patch("/api/v1/leads/" + id).then().statusCode(412).contentType("application/problem+json");

        given().auth().oauth2(token()).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"city\":\"Boulder\",\"tags\":[\"vip\"],\"timezone\":null,\"phones\":[\"303-555-0142\"]}")
                .patch("/api/v1/leads/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("city", equalTo("Boulder"))
                .body("tags", contains("vip"))
                .body("phones", contains("+13035550142"))
                .body("phone", equalTo("+13035550142"))
                .body("postalCode", equalTo("80202"))
                .body("version", equalTo(2));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE id = ?::uuid AND 'city' = ANY(agent_edited_fields)", id))
                .isEqualTo(1);

        CapturedEvent updated = KafkaEvents.awaitEvent("lead.updated", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(updated, "lead.updated", "/lead-service");
        KafkaEvents.assertSchemaValid(updated);
        assertThat(updated.value().get("version").asInt()).isEqualTo(2);
        assertThat(updated.value().get("updatedBy").asText()).isEqualTo(AGENT);
        assertThat(updated.value().get("changedFields")).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("city", "tags", "timezone", "phones");
    }

    @Test
    void aBadPatchIsAProblemAndChangesNothing() {
        String id = create("BadPatch");
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"status\":\"closed-won\",\"createdBy\":\"me\"}")
                .patch("/api/v1/leads/" + id).then().statusCode(400)
                .body("errors.field", hasItem("status")).body("errors.field", hasItem("createdBy"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"phones\":[\"555-1234\"],\"emails\":[\"nope\"]}")
                .patch("/api/v1/leads/" + id).then().statusCode(400)
                .body("errors.field", hasItem("phones[0]")).body("errors.field", hasItem("emails[0]"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"budgetMin\":\"lots\"}")
                .patch("/api/v1/leads/" + id).then().statusCode(400).body("errors.field", hasItem("budgetMin"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"budgetMin\":900000}")
                .patch("/api/v1/leads/" + id).then().statusCode(400).body("errors.field", hasItem("budgetMin"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("[1,2]")
                .patch("/api/v1/leads/" + id).then().statusCode(400);
        given().auth().oauth2(token()).get("/api/v1/leads/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("city", equalTo("Denver"));
        given().auth().oauth2(TestTokens.token(TENANT, "agent-other", "team-l", "agent")).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").body("{\"city\":\"Aspen\"}")
                .patch("/api/v1/leads/" + id).then().statusCode(404);
    }

    @Test
    void statusMovesAlongThePipelineOnly() {
        String id = create("Status");
        given().auth().oauth2(token()).contentType(ContentType.JSON).body("{\"status\":\"closed-won\"}")
                .post("/api/v1/leads/" + id + "/status").then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/invalid-status-transition"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).body("{\"status\":\"married\"}")
                .post("/api/v1/leads/" + id + "/status").then().statusCode(400).body("errors.field", hasItem("status"));
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"9\"")
                .body("{\"status\":\"contacted\"}")
                .post("/api/v1/leads/" + id + "/status").then().statusCode(412);

        given().auth().oauth2(token()).contentType(ContentType.JSON).body("{\"status\":\"contacted\",\"reason\":\"called back\"}")
                .post("/api/v1/leads/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("contacted")).header("ETag", equalTo("\"2\""));

        CapturedEvent changed = KafkaEvents.awaitEvent("lead.status-changed", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(changed, "lead.status-changed", "/lead-service");
        KafkaEvents.assertSchemaValid(changed);
        assertThat(changed.value().get("fromStatus").asText()).isEqualTo("new");
        assertThat(changed.value().get("toStatus").asText()).isEqualTo("contacted");
        assertThat(changed.value().get("changedBy").asText()).isEqualTo(AGENT);
        assertThat(changed.value().get("version").asInt()).isEqualTo(2);
        CapturedEvent activity = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> id.equals(e.key()) && "status-change".equals(e.value().path("activityType").asText()));
        KafkaEvents.assertSchemaValid(activity);
    }

    @Test
    void aDeletedLeadIsGoneFromReadsAndLists() {
        String id = create("Deleted");
        given().auth().oauth2(token()).delete("/api/v1/leads/" + id).then().statusCode(428);
        given().auth().oauth2(token()).header("If-Match", "\"1\"").delete("/api/v1/leads/" + id).then().statusCode(204);
        given().auth().oauth2(token()).get("/api/v1/leads/" + id).then().statusCode(404);
        given().auth().oauth2(token()).queryParam("q", "Deleted").get("/api/v1/leads").then().statusCode(200)
                .body("items.size()", equalTo(0));
        CapturedEvent deleted = KafkaEvents.awaitEvent("lead.updated",
                e -> id.equals(e.key()) && e.value().path("deleted").asBoolean(false));
        KafkaEvents.assertSchemaValid(deleted);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE id = ?::uuid AND deleted_at IS NOT NULL", id)).isEqualTo(1);
    }
}
