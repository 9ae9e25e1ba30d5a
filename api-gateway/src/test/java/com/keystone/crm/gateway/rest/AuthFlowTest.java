package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuthFlowTest {

    static JsonPath claims(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonPath header(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    @Test
    void theConfiguredAdminLogsInAndGetsAnRs256TokenWithEveryClaim() {
        JsonPath login = Logins.login(GatewayTestResource.ADMIN_EMAIL, GatewayTestResource.ADMIN_PASSWORD);
        String token = login.getString("accessToken");
        assertThat(login.getString("tokenType")).isEqualTo("Bearer");
        assertThat(login.getLong("expiresIn")).isEqualTo(300);
        assertThat(login.getString("refreshToken")).hasSizeGreaterThan(40);
        JsonPath c = claims(token);
        assertThat(c.getString("iss")).isEqualTo("https://auth.keystone-crm.local");
        assertThat(c.getString("aud")).isEqualTo("keystone-crm");
        assertThat(c.getString("tenant")).isEqualTo(GatewayTestResource.TENANT);
        assertThat(c.getList("groups")).containsExactly("admin");
        assertThat(c.getString("sub")).isNotBlank();
        assertThat(c.getString("jti")).isNotBlank();
        assertThat(c.getLong("exp") - c.getLong("iat")).isEqualTo(300);
        String kid = header(token).getString("kid");
        assertThat(header(token).getString("alg")).isEqualTo("RS256");
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem(kid)).body("keys[0].kty", equalTo("RSA")).body("keys[0].d", equalTo(null));

        given().auth().oauth2(token).get("/auth/me").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("email", equalTo(GatewayTestResource.ADMIN_EMAIL))
                .body("roles", hasItem("admin"))
                .body("tenantId", equalTo(GatewayTestResource.TENANT));
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        String wrong = given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + GatewayTestResource.ADMIN_EMAIL + "\",\"password\":\"nope nope nope\"}")
                .post("/auth/login").then().statusCode(401).contentType("application/problem+json").extract().asString();
        String unknown = given().contentType(ContentType.JSON)
                .body("{\"email\":\"nobody@nowhere.test\",\"password\":\"nope nope nope\"}")
                .post("/auth/login").then().statusCode(401).contentType("application/problem+json").extract().asString();
        assertThat(unknown).isEqualTo(wrong);
        given().contentType(ContentType.JSON).body("{\"email\":\"\"}").post("/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/auth/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refreshRotatesAndAReplayedRotatedTokenRevokesTheFamily() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("rotor");
        Logins.createUser(admin, email, null, "agent");
        JsonPath first = Logins.login(email, Logins.PASSWORD);
        String r1 = first.getString("refreshToken");

        JsonPath second = given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + r1 + "\"}")
                .post("/auth/refresh").then().statusCode(200).extract().jsonPath();
        String r2 = second.getString("refreshToken");
        assertThat(r2).isNotEqualTo(r1);
        given().auth().oauth2(second.getString("accessToken")).get("/auth/me").then().statusCode(200);

        // r1 again: a replay. Refused, and r2 (same family) dies with it.
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + r1 + "\"}")
                .post("/auth/refresh").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/invalid-refresh-token"));
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + r2 + "\"}")
                .post("/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"made-up\"}")
                .post("/auth/refresh").then().statusCode(401);

        List<String> actions = given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=token-family.revoked")
                .then().statusCode(200).extract().path("targetId");
        String userId = claims(first.getString("accessToken")).getString("sub");
        assertThat(actions).contains(userId);
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheRefreshFamily() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("leaver");
        Logins.createUser(admin, email, null, "agent");
        JsonPath login = Logins.login(email, Logins.PASSWORD);
        String access = login.getString("accessToken");
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/logout").then().statusCode(204);
        given().auth().oauth2(access).get("/auth/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/refresh").then().statusCode(401);
    }

    @Test
    void adminsManageTeamsAndUsersAndEveryChangeIsPublishedAndAudited() {
        String admin = Logins.adminToken();
        String teamId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"North " + System.nanoTime() + "\"}")
                .post("/api/v1/admin/teams").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).get("/api/v1/admin/teams").then().statusCode(200).body("id", hasItem(teamId));

        String email = Logins.uniqueEmail("agent");
        String id = Logins.createUser(admin, email, teamId, "agent");
        CapturedEvent created = KafkaEvents.awaitEvent("user.created", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(created, "user.created", "/api-gateway");
        KafkaEvents.assertSchemaValid(created);
        assertThat(created.value().get("email").asText()).isEqualTo(email);
        assertThat(created.value().get("teamId").asText()).isEqualTo(teamId);
        assertThat(created.value().get("version").asLong()).isEqualTo(1);

        JsonPath agentLogin = Logins.login(email, Logins.PASSWORD);
        assertThat(claims(agentLogin.getString("accessToken")).getString("team")).isEqualTo(teamId);
        // an agent is no admin
        given().auth().oauth2(agentLogin.getString("accessToken")).get("/api/v1/admin/users")
                .then().statusCode(403).contentType("application/problem+json");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"roles\":[\"agent\",\"team-lead\"]}")
                .put("/api/v1/admin/users/" + id + "/roles").then().statusCode(200).body("roles", hasItem("team-lead"));
        CapturedEvent updated = KafkaEvents.awaitEvent("user.updated", e -> id.equals(e.key()) && e.value().get("version").asLong() == 2);
        KafkaEvents.assertSchemaValid(updated);
        assertThat(updated.value().get("roles").toString()).contains("team-lead");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"teamId\":null}")
                .put("/api/v1/admin/users/" + id + "/team").then().statusCode(200).body("teamId", equalTo(null));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"teamId\":\"no-such-team\"}")
                .put("/api/v1/admin/users/" + id + "/team").then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"roles\":[\"emperor\"]}")
                .put("/api/v1/admin/users/" + id + "/roles").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/admin/users/" + id).then().statusCode(200).body("email", equalTo(email));
        given().auth().oauth2(admin).get("/api/v1/admin/users").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(admin).get("/api/v1/admin/users/no-such-user").then().statusCode(404)
                .contentType("application/problem+json");
        // the same e-mail twice
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + Logins.PASSWORD + "\",\"roles\":[\"agent\"]}")
                .post("/api/v1/admin/users").then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"email\":\"not-an-email\",\"password\":\"short\",\"roles\":[]}")
                .post("/api/v1/admin/users").then().statusCode(400).body("errors.field", notNullValue());

        List<String> audit = given().auth().oauth2(admin).get("/api/v1/admin/audit-events?limit=100")
                .then().statusCode(200).extract().path("action");
        assertThat(audit).contains("user.created", "user.roles-changed", "user.team-changed", "team.created", "login.succeeded");
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?limit=0").then().statusCode(400);
    }

    @Test
    void deactivationRevokesAccessAndRefreshTokensAndLogins() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("gone");
        String id = Logins.createUser(admin, email, null, "agent");
        JsonPath login = Logins.login(email, Logins.PASSWORD);
        String access = login.getString("accessToken");
        given().auth().oauth2(access).get("/auth/me").then().statusCode(200);

        given().auth().oauth2(admin).post("/api/v1/admin/users/" + id + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        CapturedEvent e = KafkaEvents.awaitEvent("user.updated", ev -> id.equals(ev.key()) && !ev.value().get("active").asBoolean());
        KafkaEvents.assertSchemaValid(e);

        // the access token has not expired, yet it is refused here and by the proxy
        given().auth().oauth2(access).get("/auth/me").then().statusCode(401);
        given().auth().oauth2(access).get("/api/v1/echo/anything").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"" + Logins.PASSWORD + "\"}")
                .post("/auth/login").then().statusCode(401);
        List<String> audit = given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=user.deactivated")
                .then().statusCode(200).extract().path("targetId");
        assertThat(audit).contains(id);
    }
}
