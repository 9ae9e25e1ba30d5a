package com.keystone.crm.notification.device;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** /api/v1/devices: each user registers, sees and removes only their own devices; bad input is a 400 naming the field. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class DeviceResourceTest {
    final String tenant = "devices-" + UUID.randomUUID().toString().substring(0, 8);
    final String alice = TestTokens.token(tenant, "alice", "team-1", "agent");
    final String bob = TestTokens.token(tenant, "bob", "team-1", "agent");
    final String admin = TestTokens.token(tenant, "root", "team-1", "admin");
    final String otherTenant = TestTokens.token("elsewhere-" + UUID.randomUUID().toString().substring(0, 8), "alice", "team-1", "agent");

    static String fcmToken() {
        return "f" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + "x".repeat(100);
    }

    static String apnsToken() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    static Map<String, Object> device(String token, String platform) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("platform", platform);
        body.put("appId", TestProviders.APP_ID);
        return body;
    }

    String register(String caller, Map<String, Object> body, int status) {
        return given().auth().oauth2(caller).contentType(ContentType.JSON).body(body).post("/api/v1/devices")
                .then().statusCode(status).extract().path("id");
    }

    @Test
    void aUserRegistersListsAndRemovesOwnDevices() {
        String token = fcmToken();
        String id = register(alice, device(token, "android"), 201);
        String ios = register(alice, device(apnsToken().toUpperCase(), "ios"), 201);
        // the same token again: the same device, 200
        assertThat(register(alice, device(token, "android"), 200)).isEqualTo(id);

        given().auth().oauth2(alice).get("/api/v1/devices").then().statusCode(200)
                .body("items", hasSize(2)).body("items.id", hasItem(id)).body("items.leadAlerts", hasItem(true));
        assertThat(Db.one("SELECT token FROM device WHERE id = ?::uuid", ios).toString()).matches("[0-9a-f]{64}");
        given().auth().oauth2(bob).get("/api/v1/devices").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(admin).get("/api/v1/devices").then().statusCode(200).body("items", hasSize(0));

        // nobody else removes it, not even an admin of the tenant or the same user id in another tenant
        given().auth().oauth2(bob).delete("/api/v1/devices/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).delete("/api/v1/devices/" + id).then().statusCode(404);
        given().auth().oauth2(otherTenant).delete("/api/v1/devices/" + id).then().statusCode(404);
        given().auth().oauth2(alice).delete("/api/v1/devices/" + id).then().statusCode(204);
        given().auth().oauth2(alice).delete("/api/v1/devices/" + id).then().statusCode(404);
        given().auth().oauth2(alice).get("/api/v1/devices").then().body("items", hasSize(1));
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesToThem() {
        String token = fcmToken();
        Map<String, Object> quiet = device(token, "android");
        quiet.put("leadAlerts", false);
        String id = register(alice, quiet, 201);
        assertThat(register(bob, device(token, "android"), 200)).isEqualTo(id);
        given().auth().oauth2(alice).get("/api/v1/devices").then().body("items", hasSize(0));
        given().auth().oauth2(bob).get("/api/v1/devices").then().body("items[0].id", equalTo(id))
                .body("items[0].leadAlerts", equalTo(true)); // alice's preference does not follow the phone
    }

    @Test
    void hostileRegistrationsAreRefusedWithTheField() {
        Map<String, Object> badPlatform = device(fcmToken(), "windows-phone");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(badPlatform).post("/api/v1/devices").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(org.hamcrest.Matchers.containsString("platform")));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(device("short", "android")).post("/api/v1/devices")
                .then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("token")));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(device("x".repeat(5000), "android")).post("/api/v1/devices")
                .then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("token")));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(device(fcmToken() + "\u0000", "android")).post("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(device("zz" + apnsToken(), "ios")).post("/api/v1/devices")
                .then().statusCode(400).body("errors[0].field", equalTo("token"));
        Map<String, Object> badApp = device(fcmToken(), "android");
        badApp.put("appId", "../../etc/passwd");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(badApp).post("/api/v1/devices")
                .then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("appId")));
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"token\":\"" + fcmToken() + "\",\"platform\":\"android\",\"platform\":\"ios\",\"appId\":\"com.keystone.crm.agent\"}")
                .post("/api/v1/devices").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"token\":").post("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body("token=x").post("/api/v1/devices")
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("[]").post("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(device(fcmToken(), "android")).post("/api/v1/devices").then().statusCode(401);
        given().auth().oauth2(alice).delete("/api/v1/devices/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        assertThat(Db.count("SELECT count(*) FROM device WHERE tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aUserCannotFloodTheRegistry() {
        String carol = TestTokens.token(tenant, "carol", "team-1", "agent");
        for (int i = 0; i < 20; i++) {
            register(carol, device(fcmToken(), "android"), 201);
        }
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(device(fcmToken(), "android")).post("/api/v1/devices")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(Db.count("SELECT count(*) FROM device WHERE tenant_id = ? AND user_id = 'carol'", tenant)).isEqualTo(20);
    }
}
