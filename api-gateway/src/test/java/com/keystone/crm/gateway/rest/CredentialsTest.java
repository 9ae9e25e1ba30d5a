package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.gateway.security.Totp;
import com.keystone.crm.gateway.service.UserAdmin;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class CredentialsTest {
    @Inject
    UserAdmin users;

    static String login(String email, String password, String totp) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"" + (totp == null ? "" : ",\"totpCode\":\"" + totp + "\"") + "}")
                .post("/auth/login").then().extract().asString();
    }

    static int loginStatus(String email, String password, String totp) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"" + (totp == null ? "" : ",\"totpCode\":\"" + totp + "\"") + "}")
                .post("/auth/login").then().extract().statusCode();
    }

    /** Issue #17: a stolen access token must not allow unlimited current-password guesses. */
    @Test
    void passwordChangesAreThrottledLikeLogins() {
        String email = Logins.uniqueEmail("guessed");
        Logins.createUser(Logins.adminToken(), email, null, "agent");
        String token = Logins.login(email, Logins.PASSWORD).getString("accessToken");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"a brand new passphrase\"}")
                    .post("/auth/password").then().statusCode(401);
        }
        // locked: even the right current password waits for the lockout to end
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + Logins.PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}")
                .post("/auth/password").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        Logins.login(email, Logins.PASSWORD);
    }

    /** Issue #17: duplicate keys and trailing tokens at the gateway's unauthenticated endpoints are 400s, not 500s. */
    @Test
    void duplicateKeysAndTrailingTokensAtTheAuthEndpointsAre400() {
        for (String path : new String[]{"/auth/login", "/auth/password-reset", "/auth/refresh", "/auth/logout"}) {
            given().contentType(ContentType.JSON).body("{\"email\":\"a@b.test\",\"email\":\"c@d.test\",\"refreshToken\":\"x\"}")
                    .post(path).then().statusCode(org.hamcrest.Matchers.oneOf(400, 401)).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{\"email\":\"a@b.test\",\"email\":\"c@d.test\",\"password\":\"x\"}")
                .post("/auth/login").then().statusCode(400).body("errors[0].field", equalTo("email"));
        given().contentType(ContentType.JSON).body("{\"email\":\"a@b.test\"}}")
                .post("/auth/password-reset").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":\"a\\u0000@b.test\",\"password\":\"x\"}")
                .post("/auth/login").then().statusCode(400).body("errors[0].field", equalTo("email"));
    }

    /** Issue #17: `{}}` used to bind as `{}` (teamId null) and took the user out of their team. */
    @Test
    void trailingGarbageLeavesTheTeamAlone() {
        String admin = Logins.adminToken();
        String teamId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"Garbage " + System.nanoTime() + "\"}")
                .post("/api/v1/admin/teams").then().statusCode(201).extract().path("id");
        String id = Logins.createUser(admin, Logins.uniqueEmail("teamed"), teamId, "agent");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}}").put("/api/v1/admin/users/" + id + "/team")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/admin/users/" + id).then().statusCode(200).body("teamId", equalTo(teamId));
    }

    @Test
    void aNumberWhereTextIsDeclaredIsRefusedNotStoredAsText() {
        // the fuzz walk found "name": 12345 creating the team "12345": the chassis's strict JSON refuses the wrong type
        String admin = Logins.adminToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":12345}").post("/api/v1/admin/teams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("name must be a JSON string"));
        given().auth().oauth2(admin).get("/api/v1/admin/teams").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("12345")));
        given().contentType(ContentType.JSON).body("{\"email\":12,\"password\":\"whatever\"}").post("/auth/login")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("email"));
    }

    @Test
    void changingThePasswordEndsOtherSessions() {
        String email = Logins.uniqueEmail("changer");
        Logins.createUser(Logins.adminToken(), email, null, "agent");
        JsonPath session = Logins.login(email, Logins.PASSWORD);
        String token = session.getString("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"wrong one\",\"newPassword\":\"a brand new passphrase\"}")
                .post("/auth/password").then().statusCode(401);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + Logins.PASSWORD + "\",\"newPassword\":\"short\"}")
                .post("/auth/password").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + Logins.PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}")
                .post("/auth/password").then().statusCode(204);
        assertThat(loginStatus(email, Logins.PASSWORD, null)).isEqualTo(401);
        Logins.login(email, "a brand new passphrase");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + session.getString("refreshToken") + "\"}")
                .post("/auth/refresh").then().statusCode(401);
    }

    @Test
    void aResetLinkGoesOutThroughNotificationRequestedAndWorksOnce() {
        String email = Logins.uniqueEmail("forgetful");
        String id = Logins.createUser(Logins.adminToken(), email, null, "agent");
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email.toUpperCase() + "\"}")
                .post("/auth/password-reset").then().statusCode(202);
        // an unknown e-mail answers the same and sends nothing
        given().contentType(ContentType.JSON).body("{\"email\":\"nobody-" + UUID.randomUUID() + "@nowhere.test\"}")
                .post("/auth/password-reset").then().statusCode(202);

        CapturedEvent mail = KafkaEvents.awaitEvent("notification.requested",
                e -> id.equals(e.value().path("userId").asText()));
        KafkaEvents.assertCloudEvent(mail, "notification.requested", "/api-gateway");
        KafkaEvents.assertSchemaValid(mail);
        assertThat(mail.value().get("channel").asText()).isEqualTo("email");
        assertThat(mail.value().get("category").asText()).isEqualTo("transactional");
        assertThat(mail.value().at("/recipient/email").asText()).isEqualTo(email);
        String link = mail.value().at("/templateVariables/resetLink").asText();
        String token = link.substring(link.indexOf("token=") + 6);

        given().contentType(ContentType.JSON).body("{\"token\":\"" + token + "\",\"newPassword\":\"reset to something long\"}")
                .post("/auth/password-reset/confirm").then().statusCode(204);
        Logins.login(email, "reset to something long");
        given().contentType(ContentType.JSON).body("{\"token\":\"" + token + "\",\"newPassword\":\"and once more again\"}")
                .post("/auth/password-reset/confirm").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/invalid-reset-token"));
    }

    @Test
    void totpIsASecondFactorAndATenantCanMakeItMandatoryForAdmins() throws Throwable {
        String tenant = "totp-realty-" + UUID.randomUUID().toString().substring(0, 6);
        String adminEmail = Logins.uniqueEmail("totp-admin");
        VertxContextSupport.subscribeAndAwait(() -> users.bootstrap(tenant, "TOTP Realty", adminEmail, Logins.PASSWORD));
        String admin = Logins.login(adminEmail, Logins.PASSWORD).getString("accessToken");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"adminTotpRequired\":true}")
                .put("/api/v1/admin/tenant/settings").then().statusCode(200).body("adminTotpRequired", equalTo(true));

        // not enrolled: logged in, but without the admin group until the second factor is set up
        String limited = Logins.login(adminEmail, Logins.PASSWORD).getString("accessToken");
        assertThat(AuthFlowTest.claims(limited).getList("groups")).doesNotContain("admin");
        given().auth().oauth2(limited).get("/api/v1/admin/users").then().statusCode(403);

        JsonPath enrolment = given().auth().oauth2(limited).post("/auth/totp/enrolment").then().statusCode(200).extract().jsonPath();
        String secret = enrolment.getString("secret");
        assertThat(enrolment.getString("otpauthUri")).startsWith("otpauth://totp/");
        given().auth().oauth2(limited).contentType(ContentType.JSON).body("{\"code\":\"000000\"}")
                .post("/auth/totp/activation").then().statusCode(422);
        long step = Totp.step(Instant.now());
        given().auth().oauth2(limited).contentType(ContentType.JSON).body("{\"code\":\"" + Totp.code(secret, step) + "\"}")
                .post("/auth/totp/activation").then().statusCode(204);

        // from now on the code is required, good once
        assertThat(loginStatus(adminEmail, Logins.PASSWORD, null)).isEqualTo(401);
        assertThat(login(adminEmail, Logins.PASSWORD, null)).contains("totp-required");
        String nextCode = Totp.code(secret, step + 1);
        String full = new JsonPath(login(adminEmail, Logins.PASSWORD, nextCode)).getString("accessToken");
        assertThat(AuthFlowTest.claims(full).getList("groups")).contains("admin");
        given().auth().oauth2(full).get("/api/v1/admin/users").then().statusCode(200);
        assertThat(login(adminEmail, Logins.PASSWORD, nextCode)).contains("invalid-totp");

        // an admin of this tenant cannot see or touch another tenant's users: 404, not 403
        String acmeUser = Logins.createUser(Logins.adminToken(), Logins.uniqueEmail("acme-only"), null, "agent");
        given().auth().oauth2(full).get("/api/v1/admin/users/" + acmeUser).then().statusCode(404);
        given().auth().oauth2(full).contentType(ContentType.JSON).body("{\"roles\":[\"admin\"]}")
                .put("/api/v1/admin/users/" + acmeUser + "/roles").then().statusCode(404);
        given().auth().oauth2(full).post("/api/v1/admin/users/" + acmeUser + "/deactivate").then().statusCode(404);
        given().auth().oauth2(full).get("/api/v1/admin/users").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(acmeUser)));
        assertThat(loginStatus(adminEmail, Logins.PASSWORD, "999999")).isEqualTo(401);
    }

}
