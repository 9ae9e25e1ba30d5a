package com.keystone.crm.notification.consent;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The suppression list API: add (contact.opted-out), list, remove; audited; tenant-scoped. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SuppressionResourceTest {
    final String tenant = "supp-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = TestTokens.token(tenant, "admin-1", "team-1", "admin");

    @Test
    void addListRemoveAudited() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "address", "Someone@Example.com", "purpose", "all"))
                .post("/api/v1/suppressions").then().statusCode(201).body("address", equalTo("someone@example.com"))
                .extract().path("id");
        CapturedEvent event = KafkaEvents.awaitEvent("contact.opted-out", e -> e.key().equals(id));
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.value().get("source").asText()).isEqualTo("manual");

        given().auth().oauth2(admin).get("/api/v1/suppressions?channel=email").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(TestTokens.token("other", "admin-2", "team-2", "admin")).delete("/api/v1/suppressions/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token(tenant, "agent-1", "team-1", "agent")).get("/api/v1/suppressions")
                .then().statusCode(403);
        given().auth().oauth2(admin).delete("/api/v1/suppressions/" + id).then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/suppressions").then().statusCode(200).body("items", hasSize(0));
        assertThat(Db.rows("SELECT action, actor FROM suppression_audit WHERE tenant_id = ? ORDER BY at", tenant))
                .extracting(r -> r.get("action") + " by " + r.get("actor"))
                .containsExactly("added by admin-1", "removed by admin-1");
    }

    @Test
    void badSuppressionsAreProblems() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "address", "555-0100", "purpose", "all"))
                .post("/api/v1/suppressions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("address"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("channel", "fax", "address", "x", "purpose", "sometimes"))
                .post("/api/v1/suppressions").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/suppressions?cursor=forged").then().statusCode(400);
        given().auth().oauth2(admin).delete("/api/v1/suppressions/not-a-uuid").then().statusCode(404);
    }
}
