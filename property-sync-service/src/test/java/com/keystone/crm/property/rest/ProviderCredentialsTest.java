package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.secret.EnvelopeCipher;
import com.keystone.crm.property.secret.MasterKeyRing;
import com.keystone.crm.property.secret.SealedSecret;
import com.keystone.crm.property.service.KeyRewrapper;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue #11 item 9: credentials given through the provider API are stored under envelope encryption, used by the
 * real clients against the simulator, never answered, never logged, never in the database in plain text; rotated
 * through the API; master keys rotated by re-wrapping; a wrong or missing master key fails the run clearly.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class ProviderCredentialsTest {
    static final TestDatabase DB = new TestDatabase("property-sync-service");
    static final String USER = "tenant-own-user";
    static final String PASSWORD = "Pw-7fQ2#zX9!only-in-the-request";
    static final String UA_PASSWORD = "Ua-3kL8$only-in-the-request";
    static final String RESO_SECRET = "Reso-9tY4%client-secret-from-request";
    static MlsSimulator rets;
    static MlsSimulator reso;

    @Inject
    KeyRewrapper rewrapper;

    final List<String> logLines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    line.append(' ').append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void simulators() {
        rets = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(12).photosPerListing(1).seed(11L)
                .retsUser(USER).retsPassword(PASSWORD).uaPassword(UA_PASSWORD).userAgent("KeystoneCRM/1.0")
                .oauthClientId("x").oauthClientSecret("y").build());
        reso = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(12).photosPerListing(1).seed(12L)
                .retsUser("x").retsPassword("y").userAgent("KeystoneCRM/1.0")
                .oauthClientId(USER).oauthClientSecret(RESO_SECRET).build());
    }

    @AfterAll
    static void stop() {
        rets.close();
        reso.close();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
        org.jboss.logging.Logger.getLogger(ProviderCredentialsTest.class).warn("capture-probe");
    }

    @AfterEach
    void noSecretLogged() {
        Logger.getLogger("").removeHandler(capture);
        assertThat(logLines).anyMatch(l -> l.contains("capture-probe")) // the capture sees the service's logging
                .noneMatch(l -> l.contains(PASSWORD) || l.contains(UA_PASSWORD) || l.contains(RESO_SECRET));
    }

    static String admin(String tenant) {
        return TestTokens.token(tenant, "admin-" + tenant, null, "admin");
    }

    String retsProvider(String name, String password) {
        return """
                {"name":"%s","protocol":"rets","url":"%s","searchClasses":"RES,LND","format":"COMPACT","pageSize":50,
                 "requestsPerSecond":200,"credentials":{"username":"%s","password":"%s","uaPassword":"%s"}}"""
                .formatted(name, rets.retsLoginUrl(), USER, password, UA_PASSWORD);
    }

    @Test
    void storedCredentialsSyncAndAreNeverShownNorStoredInPlainText() {
        String token = admin("cred-a");
        Response created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(retsProvider("Own RETS", PASSWORD)).when().post("/api/v1/mls/providers");
        created.then().statusCode(201).body("credentialsStored", equalTo(true)).body("credentialsRef", equalTo(null));
        String id = created.path("id");
        assertNoSecret(created.asString());
        assertNoSecret(given().auth().oauth2(token).when().get("/api/v1/mls/providers/" + id).then().statusCode(200)
                .extract().asString());
        assertNoSecret(given().auth().oauth2(token).when().get("/api/v1/mls/providers").then().statusCode(200)
                .extract().asString());

        String run = sync(token, id);
        assertRun(token, run, "succeeded");
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = cast(? as uuid)", id)).isEqualTo(12);
        assertNoSecret(given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then().extract().asString());
        assertNoSecret(given().auth().oauth2(token).when().get("/api/v1/mls/dashboard").then().extract().asString());

        Map<String, Object> row = row(id);
        assertThat(row.get("credentials_ref")).isNull();
        assertThat(row.get("secret_key_id")).isEqualTo("k2");
        assertThat((byte[]) row.get("secret_ciphertext")).isNotEmpty();
        assertThat((byte[]) row.get("secret_wrapped_key")).isNotEmpty();
        for (Object v : row.values()) {
            String text = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v);
            assertNoSecret(text);
        }
        // nowhere else in the row (as PostgreSQL renders it) either, in any table the service owns
        assertThat(DB.count("SELECT count(*) FROM mls_provider p WHERE p::text LIKE '%' || ? || '%'", PASSWORD)).isZero();
        assertThat(DB.count("SELECT count(*) FROM sync_error e WHERE e::text LIKE '%' || ? || '%'", PASSWORD)).isZero();
        assertThat(DB.count("SELECT count(*) FROM outbox_event e WHERE e::text LIKE '%' || ? || '%'", USER)).isZero();
    }

    @Test
    void resoClientSecretGivenThroughTheApiSyncs() {
        String token = admin("cred-b");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name":"Own RESO","protocol":"reso-web-api","url":"%s","tokenUrl":"%s","pageSize":50,"requestsPerSecond":200,
                 "credentials":{"username":"%s","password":"%s"}}""".formatted(reso.resoServiceRoot(), reso.oauthTokenUrl(),
                USER, RESO_SECRET)).when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        assertRun(token, sync(token, id), "succeeded");
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = cast(? as uuid)", id)).isEqualTo(12);
    }

    @Test
    void credentialsAreRotatedThroughTheApi() {
        String token = admin("cred-c");
        Response created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(retsProvider("Rotating RETS", "an-old-password")).when().post("/api/v1/mls/providers");
        String id = created.then().statusCode(201).extract().path("id");
        String etag = created.header("ETag");
        String failed = sync(token, id);
        assertRun(token, failed, "failed");

        String body = """
                {"username":"%s","password":"%s","uaPassword":"%s"}""".formatted(USER, PASSWORD, UA_PASSWORD);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(428);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"999\"").body(body)
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(412);
        given().auth().oauth2(admin("cred-other")).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(404);
        Response rotated = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .when().put("/api/v1/mls/providers/" + id + "/credentials");
        rotated.then().statusCode(204);
        assertThat(rotated.header("ETag")).isNotEqualTo(etag);
        assertNoSecret(rotated.asString());
        assertRun(token, sync(token, id), "succeeded");

        // a full replace without credentials keeps them; one naming a configuration reference drops them
        String current = given().auth().oauth2(token).when().get("/api/v1/mls/providers/" + id).header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", current).body("""
                {"name":"Rotating RETS","protocol":"rets","url":"%s","searchClasses":"RES,LND","format":"COMPACT",
                 "pageSize":50,"requestsPerSecond":200}""".formatted(rets.retsLoginUrl()))
                .when().put("/api/v1/mls/providers/" + id).then().statusCode(200).body("credentialsStored", equalTo(true));
        assertRun(token, sync(token, id), "succeeded");
        current = given().auth().oauth2(token).when().get("/api/v1/mls/providers/" + id).header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", current).body("""
                {"name":"Rotating RETS","protocol":"rets","url":"%s","credentialsRef":"unit"}""".formatted(rets.retsLoginUrl()))
                .when().put("/api/v1/mls/providers/" + id).then().statusCode(200)
                .body("credentialsStored", equalTo(false)).body("credentialsRef", equalTo("unit"));
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = cast(? as uuid) AND secret_ciphertext IS NULL "
                + "AND secret_key_id IS NULL", id)).isEqualTo(1);
    }

    @Test
    void masterKeyRotationRewrapsAndAWrongKeyFailsTheRunClearly() {
        String token = admin("cred-d");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(retsProvider("Old-key RETS", PASSWORD))
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        String plain = "{\"u\":\"" + USER + "\",\"p\":\"" + PASSWORD + "\",\"ua\":\"" + UA_PASSWORD + "\"}";
        String context = "mls-provider " + id;

        // sealed under the retired key k1, as before a rotation
        SealedSecret old = new EnvelopeCipher(new MasterKeyRing("k1", Map.of("k1",
                Base64.getDecoder().decode(PropertySyncTestResource.OLD_KEY)))).seal(plain.getBytes(StandardCharsets.UTF_8), context);
        writeSecret(id, old);
        assertThat(rewrapper.rewrapAll()).isGreaterThanOrEqualTo(1);
        Map<String, Object> row = row(id);
        assertThat(row.get("secret_key_id")).isEqualTo("k2");
        assertThat((byte[]) row.get("secret_ciphertext")).isEqualTo(old.ciphertext());
        assertThat((byte[]) row.get("secret_wrapped_key")).isNotEqualTo(old.wrappedKey());
        assertThat(rewrapper.rewrapAll()).isZero();
        bump(id);
        assertRun(token, sync(token, id), "succeeded");

        // a key id this instance does not have
        SealedSecret unknown = new EnvelopeCipher(new MasterKeyRing("k9", Map.of("k9", new byte[32]))).seal(
                plain.getBytes(StandardCharsets.UTF_8), context);
        writeSecret(id, unknown);
        bump(id);
        String run = sync(token, id);
        assertRun(token, run, "failed");
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then()
                .body("failureReason", org.hamcrest.Matchers.containsString("master key 'k9', which is not configured"));
        assertThat(rewrapper.rewrapAll()).isZero(); // left as it is, logged

        // the active id, but not the key it was sealed with
        SealedSecret wrong = new EnvelopeCipher(new MasterKeyRing("k2", Map.of("k2", new byte[32]))).seal(
                plain.getBytes(StandardCharsets.UTF_8), context);
        writeSecret(id, wrong);
        bump(id);
        run = sync(token, id);
        assertRun(token, run, "failed");
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then()
                .body("failureReason", org.hamcrest.Matchers.containsString("does not decrypt with master key 'k2'"));

        // another provider's sealed credentials copied onto this row do not open (bound to the provider id)
        String other = given().auth().oauth2(token).contentType(ContentType.JSON).body(retsProvider("Donor RETS", PASSWORD))
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        Map<String, Object> donor = row(other);
        writeSecret(id, new SealedSecret("k2", (byte[]) donor.get("secret_wrapped_key"), (byte[]) donor.get("secret_ciphertext")));
        bump(id);
        assertRun(token, sync(token, id), "failed");
    }

    @Test
    void hostileCredentialInputsAreRefusedWithoutEchoingThem() {
        String token = admin("cred-e");
        String url = rets.retsLoginUrl();
        // both ways at once, or neither
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name":"Both","protocol":"rets","url":"%s","credentialsRef":"unit",
                 "credentials":{"username":"u","password":"%s"}}""".formatted(url, PASSWORD))
                .when().post("/api/v1/mls/providers").then().statusCode(422).body("errors.field", hasItem("credentials"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(PASSWORD)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name":"Neither","protocol":"rets","url":"%s"}""".formatted(url))
                .when().post("/api/v1/mls/providers").then().statusCode(422).body("errors.field", hasItem("credentials"));
        // missing password, over-long password, control characters, wrong JSON types, duplicate keys
        List<String> bad = List.of(
                "{\"username\":\"u\"}",
                "{\"username\":\"u\",\"password\":\"" + PASSWORD + "x".repeat(1100) + "\"}",
                "{\"username\":\"u\",\"password\":\"" + PASSWORD + "\\u0000\"}",
                "{\"username\":\"u\\u001b[31m\",\"password\":\"" + PASSWORD + "\"}",
                "\"" + PASSWORD + "\"",
                "{\"username\":\"u\",\"password\":\"" + PASSWORD + "\",\"password\":\"" + PASSWORD + "2\"}",
                "{\"username\":\"u\",\"password\":[\"" + PASSWORD + "\"]}");
        for (String credentials : bad) {
            String answer = given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"name":"Hostile","protocol":"rets","url":"%s","credentials":%s}""".formatted(url, credentials))
                    .when().post("/api/v1/mls/providers").then().statusCode(400)
                    .contentType("application/problem+json").extract().asString();
            assertThat(answer).as(credentials).doesNotContain(PASSWORD);
        }
        // the rotation endpoint: not JSON, wrong content type, hostile ids
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(retsProvider("Target", PASSWORD))
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.TEXT).header("If-Match", "\"1\"").body(PASSWORD)
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(415);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"username\":")
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"username\":\"u\",\"password\":\"p\"}")
                .when().put("/api/v1/mls/providers/not-a-uuid/credentials").then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"username\":\"u\",\"password\":\"p\"}")
                .when().put("/api/v1/mls/providers/" + UUID.randomUUID() + "/credentials").then().statusCode(404);
        // agents may not set credentials
        given().auth().oauth2(TestTokens.token("cred-e", "agent-1", null, "agent")).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").body("{\"username\":\"u\",\"password\":\"p\"}")
                .when().put("/api/v1/mls/providers/" + id + "/credentials").then().statusCode(403);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE tenant_id = 'cred-e'")).isEqualTo(1);
    }

    static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(UA_PASSWORD).doesNotContain(RESO_SECRET);
    }

    static String sync(String token, String provider) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .when().post("/api/v1/mls/providers/" + provider + "/sync-runs").then().statusCode(202).extract().path("id");
    }

    static void assertRun(String token, String run, String expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run)
                    .then().statusCode(200).extract().path("state");
            return !"queued".equals(state) && !"running".equals(state);
        });
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then().body("state", equalTo(expected));
    }

    /** A new provider version, so the service opens a new client with what the row now holds. */
    static void bump(String id) {
        DB.execute("UPDATE mls_provider SET version = version + 1 WHERE id = cast(? as uuid)", id);
    }

    static void writeSecret(String id, SealedSecret s) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("UPDATE mls_provider SET secret_key_id = ?, "
                + "secret_wrapped_key = ?, secret_ciphertext = ?, credentials_ref = NULL WHERE id = cast(? as uuid)")) {
            ps.setString(1, s.keyId());
            ps.setBytes(2, s.wrappedKey());
            ps.setBytes(3, s.ciphertext());
            ps.setString(4, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> row(String id) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM mls_provider WHERE id = cast(? as uuid)")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connection() throws java.sql.SQLException {
        return DriverManager.getConnection(com.keystone.crm.platform.testkit.CrmTestEnvironment.get().postgres()
                .jdbcUrl("property-sync-service"), com.keystone.crm.platform.testkit.TestPostgres.USER,
                com.keystone.crm.platform.testkit.TestPostgres.PASSWORD);
    }
}
