package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
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
import static org.hamcrest.Matchers.hasItem;

/** Bad input on the send and list endpoints is a problem+json naming the field, never a 500 or a half-write. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class HostileInputTest {
    final String tenant = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    final String agent = TestTokens.token(tenant, "agent-1", "team-1", "agent");

    long deliveries() {
        return Db.count("SELECT count(*) FROM notification WHERE tenant_id = ?", tenant);
    }

    @Test
    void badSendsAreRefusedWithTheField() {
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "category", "transactional", "to", Map.of("phone", "555-0100"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("phone")));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "category", "transactional", "to", Map.of("phone", "+12125550100"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400).body("errors[0].field", equalTo("to.email"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "category", "transactional", "to", Map.of("email", "a@example.com"),
                        "subject", "line\r\nBcc: victim@example.com", "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "pigeon", "category", "transactional", "to", Map.of("email", "a@example.com"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400);
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "category", "marketing", "to", Map.of("phone", "+12125550100", "timezone", "Mars/Olympus"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400).body("errors[0].field", equalTo("to.timezone"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "category", "marketing", "to", Map.of("phone", "+12125550100")))
                .post("/api/v1/notifications").then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"channel\":\"sms\",\"category\":\"transactional\",\"to\":{\"phone\":\"+12125550100\"},\"body\":\"x\",\"notBefore\":\"+999999999-12-31T23:59:59Z\"}")
                .post("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"channel\":")
                .post("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.TEXT).body("channel=sms")
                .post("/api/v1/notifications").then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(300))
                .body(Map.of("channel", "sms", "category", "transactional", "to", Map.of("phone", "+12125550100"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "category", "transactional", "to", Map.of("phone", "+12125550100"), "body", "x"))
                .post("/api/v1/notifications").then().statusCode(401);
        assertThat(deliveries()).isZero();
    }

    @Test
    void badListsAndIdsAreProblems() {
        given().auth().oauth2(agent).get("/api/v1/notifications?leadId=nope").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("leadId"));
        given().auth().oauth2(agent).get("/api/v1/notifications?limit=100000").then().statusCode(400);
        given().auth().oauth2(agent).get("/api/v1/notifications?status=exploded").then().statusCode(400);
        given().auth().oauth2(agent).get("/api/v1/notifications?cursor=abc").then().statusCode(400);
        given().auth().oauth2(agent).get("/api/v1/notifications/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(agent).get("/api/v1/notifications/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anAgentSeesOnlyTheirOwnSends() {
        String id = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms", "category", "transactional", "to", Map.of("phone", "+12025550142"), "body", "On my way"))
                .post("/api/v1/notifications").then().statusCode(202).extract().path("id");
        given().auth().oauth2(agent).get("/api/v1/notifications/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.token(tenant, "agent-2", "team-1", "agent")).get("/api/v1/notifications/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token(tenant, "lead-1", "team-1", "team-lead")).get("/api/v1/notifications/" + id)
                .then().statusCode(200);
    }
}
