package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.gateway.security.Totp;
import com.keystone.crm.gateway.security.TotpSecretCipher;
import com.keystone.crm.gateway.service.TotpKeyRotation;
import com.keystone.crm.gateway.service.UserAdmin;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue #10 item 5: TOTP secrets encrypted at rest (AES-GCM, key id stored, re-keyed), one-time recovery codes, and an
 * admin's reset of a user's second factor (audited, sessions ended everywhere). Hostile input on every new endpoint.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class SecondFactorTest {
    static final TestDatabase DB = new TestDatabase("api-gateway");

    @Inject
    TotpSecretCipher cipher;
    @Inject
    TotpKeyRotation rotation;
    @Inject
    UserAdmin users;

    /** {@code token} was issued before the second factor was on (it stays valid); the activation used {@code step}. */
    record Enrolled(String id, String email, String secret, long step, String token) {
    }

    /** A new agent with an active second factor; the activation used {@code step}. */
    static Enrolled enrolledAgent(String admin, String prefix) {
        String email = Logins.uniqueEmail(prefix);
        String id = Logins.createUser(admin, email, null, "agent");
        String token = Logins.login(email, Logins.PASSWORD).getString("accessToken");
        String secret = given().auth().oauth2(token).post("/auth/totp/enrolment").then().statusCode(200).extract().path("secret");
        long step = Totp.step(Instant.now());
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"code\":\"" + Totp.code(secret, step) + "\"}")
                .post("/auth/totp/activation").then().statusCode(204);
        return new Enrolled(id, email, secret, step, token);
    }

    static String loginWith(String email, String field, String value) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + Logins.PASSWORD + "\",\"" + field + "\":\"" + value + "\"}")
                .post("/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void theSecretIsStoredEncryptedUnderTheActiveKey() {
        Enrolled u = enrolledAgent(Logins.adminToken(), "totp-rest");
        assertThat(column("totp_key_id", u.id())).isEqualTo("dev-1");
        assertThat(column("totp_secret", u.id())).doesNotContain(u.secret());
        assertThat(cipher.open(u.id(), "dev-1", column("totp_secret", u.id()))).isEqualTo(u.secret());
        assertThat(loginWith(u.email(), "totpCode", Totp.code(u.secret(), u.step() + 1))).isNotBlank();
    }

    @Test
    void aSecretStoredBeforeEncryptionIsSealedByTheRekeyAndStillWorks() throws Throwable {
        Enrolled u = enrolledAgent(Logins.adminToken(), "totp-legacy");
        // as a row written before V3: the plain secret, no key id
        DB.execute("UPDATE app_user SET totp_secret = ?, totp_key_id = NULL WHERE id = ?", u.secret(), u.id());
        int sealed = VertxContextSupport.subscribeAndAwait(() -> rotation.rekey());
        assertThat(sealed).isGreaterThanOrEqualTo(1);
        assertThat(column("totp_key_id", u.id())).isEqualTo("dev-1");
        assertThat(column("totp_secret", u.id())).isNotEqualTo(u.secret());
        assertThat(DB.count("SELECT count(*) FROM app_user WHERE totp_secret IS NOT NULL AND totp_key_id IS DISTINCT FROM 'dev-1'"))
                .isZero();
        assertThat(loginWith(u.email(), "totpCode", Totp.code(u.secret(), u.step() + 1))).isNotBlank();
    }

    @Test
    void recoveryCodesAreShownOnceStoredHashedAndGoodOnce() {
        String admin = Logins.adminToken();
        Enrolled u = enrolledAgent(admin, "totp-recovery");
        String token = u.token();
        // a code of the authenticator confirms it (a stolen access token alone cannot mint a second factor); the code
        // the activation used is spent
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"code\":\"" + Totp.code(u.secret(), u.step()) + "\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(422).contentType("application/problem+json");
        List<String> codes = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + Totp.code(u.secret(), u.step() + 1) + "\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(200).header("Cache-Control", "no-store")
                .extract().jsonPath().getList("codes", String.class);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
        assertThat(DB.count("SELECT count(*) FROM totp_recovery_code WHERE user_id = ? AND used_at IS NULL", u.id())).isEqualTo(10);
        assertThat(DB.count("SELECT count(*) FROM totp_recovery_code WHERE user_id = ? AND code_hash = ?", u.id(), codes.get(0)))
                .isZero();

        // the phone is lost: a recovery code (as typed, any case) logs in, once
        String typed = codes.get(0).toLowerCase();
        assertThat(loginWith(u.email(), "recoveryCode", typed)).isNotBlank();
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + u.email() + "\",\"password\":\"" + Logins.PASSWORD + "\",\"recoveryCode\":\"" + typed + "\"}")
                .post("/auth/login").then().statusCode(401).body("type", equalTo("https://keystone-crm.dev/problems/invalid-totp"));
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + u.email() + "\",\"password\":\"" + Logins.PASSWORD + "\",\"recoveryCode\":\"ZZZZ-ZZZZ\"}")
                .post("/auth/login").then().statusCode(401).body("type", equalTo("https://keystone-crm.dev/problems/invalid-totp"));
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=totp.recovery-code-used").then().statusCode(200)
                .body("targetId", hasItem(u.id()));
    }

    @Test
    void recoveryCodesNeedAnActiveSecondFactorAndAWellFormedCode() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("totp-none");
        Logins.createUser(admin, email, null, "agent");
        String token = Logins.login(email, Logins.PASSWORD).getString("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"code\":\"123456\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"code\":\"12ab56\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"code\":\"123456\",\"code\":\"654321\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/auth/totp/recovery-codes").then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("code=123456")
                .post("/auth/totp/recovery-codes").then().statusCode(415);
        given().contentType(ContentType.JSON).body("{\"code\":\"123456\"}")
                .post("/auth/totp/recovery-codes").then().statusCode(401).contentType("application/problem+json");
        // the login's new field is bounded and free of control characters
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"x\",\"recoveryCode\":\"" + "A".repeat(33) + "\"}")
                .post("/auth/login").then().statusCode(400).body("errors[0].field", equalTo("recoveryCode"));
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"x\",\"recoveryCode\":\"AAAA\\u0007AAAA\"}")
                .post("/auth/login").then().statusCode(400).body("errors[0].field", equalTo("recoveryCode"));
    }

    @Test
    void anAdminResetsASecondFactorEndsTheSessionsEverywhereAndItIsAudited() {
        String admin = Logins.adminToken();
        String adminId = AuthFlowTest.claims(admin).getString("sub");
        Enrolled u = enrolledAgent(admin, "totp-reset");
        JsonPath login = given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + u.email() + "\",\"password\":\"" + Logins.PASSWORD + "\",\"totpCode\":\""
                        + Totp.code(u.secret(), u.step() + 1) + "\"}")
                .post("/auth/login").then().statusCode(200).extract().jsonPath();
        String access = login.getString("accessToken");
        given().auth().oauth2(access).get("/auth/me").then().statusCode(200);

        given().auth().oauth2(admin).post("/api/v1/admin/users/" + u.id() + "/totp-reset").then().statusCode(200)
                .body("id", equalTo(u.id())).body("totpEnabled", equalTo(false));

        assertThat(DB.count("SELECT count(*) FROM app_user WHERE id = ? AND totp_secret IS NULL AND NOT totp_enabled", u.id()))
                .isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM totp_recovery_code WHERE user_id = ?", u.id())).isZero();
        // the old session ends here (and at every service: auth.access-revoked)
        given().auth().oauth2(access).get("/auth/me").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/refresh").then().statusCode(401);
        CapturedEvent e = AccessRevocationPublishingTest.revocationOf(u.id(), "second-factor-reset");
        assertThat(e.value().get("revokedBy").asText()).isEqualTo(adminId);
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=totp.reset&source=security").then().statusCode(200)
                .body("[0].targetId", equalTo(u.id())).body("[0].actorId", equalTo(adminId))
                .body("[0].source", equalTo("api-gateway"));
        // the user logs in again with the password alone and may enrol anew (a token issued within the second of the
        // reset is refused like the old ones: the cut is by issue time in whole seconds)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .auth().oauth2(Logins.login(u.email(), Logins.PASSWORD).getString("accessToken"))
                .post("/auth/totp/enrolment").then().statusCode(200));
    }

    @Test
    void theResetRefusesHostileAndForeignTargets() throws Throwable {
        String admin = Logins.adminToken();
        String adminId = AuthFlowTest.claims(admin).getString("sub");
        given().auth().oauth2(admin).post("/api/v1/admin/users/" + adminId + "/totp-reset").then().statusCode(422)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).post("/api/v1/admin/users/" + UUID.randomUUID() + "/totp-reset").then().statusCode(404)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(admin).post("/api/v1/admin/users/a%01b/totp-reset").then().statusCode(400)
                .contentType("application/problem+json");
        // another tenant's user: 404, as if it did not exist
        String tenant = "reset-other-" + UUID.randomUUID().toString().substring(0, 6);
        String otherEmail = Logins.uniqueEmail("reset-other");
        VertxContextSupport.subscribeAndAwait(() -> users.bootstrap(tenant, "Other Realty", otherEmail, Logins.PASSWORD));
        String otherId = AuthFlowTest.claims(Logins.login(otherEmail, Logins.PASSWORD).getString("accessToken")).getString("sub");
        given().auth().oauth2(admin).post("/api/v1/admin/users/" + otherId + "/totp-reset").then().statusCode(404);
        // an agent may not
        String agentEmail = Logins.uniqueEmail("reset-agent");
        String agentId = Logins.createUser(admin, agentEmail, null, "agent");
        String agent = Logins.login(agentEmail, Logins.PASSWORD).getString("accessToken");
        given().auth().oauth2(agent).post("/api/v1/admin/users/" + agentId + "/totp-reset").then().statusCode(403);
        given().post("/api/v1/admin/users/" + agentId + "/totp-reset").then().statusCode(401);
    }

    /** One text column of the user's row, read with plain JDBC. */
    private static String column(String column, String userId) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                com.keystone.crm.platform.testkit.CrmTestEnvironment.get().postgres().jdbcUrl("api-gateway"), "postgres", "postgres");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM app_user WHERE id = ?")) {
            ps.setString(1, userId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
