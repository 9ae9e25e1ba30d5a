package com.keystone.crm.platform.chassis.idempotency;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Idempotency-Key on a create through IdempotentCreate: replay, reuse, races, expiry, bad keys. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class IdempotentCreateHttpTest {
    static final String TENANT = "idem-realty";
    static final String URL = "/test/widgets/idempotent";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static ValidatableResponse create(String tenant, String user, String key, Map<String, Object> body) {
        var request = given().auth().oauth2(TestTokens.token(tenant, user, null, "agent"))
                .contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(URL).then();
    }

    static ValidatableResponse create(String key, String name) {
        return create(TENANT, "agent-ida", key, Map.of("name", name));
    }

    static long widgetsNamed(String name) {
        return ChassisDatabase.count("SELECT count(*) FROM widget WHERE name = ?", name);
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithItsStatusHeadersAndBody() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key;
        ExtractableResponse<Response> first = create(key, name).statusCode(201).extract();
        ExtractableResponse<Response> again = create(key, name).statusCode(201).extract();

        assertThat(again.body().asString()).isEqualTo(first.body().asString()).contains(name);
        for (String header : List.of("Location", "ETag", "X-Widget-Serial", "Content-Type")) {
            assertThat(again.header(header)).as(header).isNotNull().isEqualTo(first.header(header));
        }
        assertThat(first.header("Location")).endsWith("/test/widgets/idempotent/" + first.path("id"));
        assertThat(widgetsNamed(name)).isEqualTo(1);
        Map<String, Object> record = ChassisDatabase.row("SELECT request_hash, response_status, resource_id "
                + "FROM idempotency_record WHERE tenant_id = ? AND caller_id = 'agent-ida' AND scope = 'widget.create' AND idem_key = ?",
                TENANT, key).orElseThrow();
        assertThat(((Number) record.get("response_status")).intValue()).isEqualTo(201);
        assertThat(record.get("resource_id")).isEqualTo(first.header("Location"));
    }

    @Test
    void theFieldOrderOfTheBodyDoesNotMakeAnotherRequest() {
        String key = UUID.randomUUID().toString();
        String name = "order-" + key;
        String first = create(TENANT, "agent-ida", key, Map.of("name", name, "holdMillis", 0)).statusCode(201).extract().path("id");
        String again = given().auth().oauth2(TestTokens.token(TENANT, "agent-ida", null, "agent"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"holdMillis\":0,\"name\":\"" + name + "\"}").post(URL).then().statusCode(201).extract().path("id");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422() {
        String key = UUID.randomUUID().toString();
        create(key, "first-" + key).statusCode(201);
        create(key, "other-" + key).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "idempotency-key-reused"))
                .body("title", equalTo("Unprocessable Content"));
        assertThat(widgetsNamed("other-" + key)).isZero();
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightIsA409AndTheKeyThenReplays() {
        String key = UUID.randomUUID().toString();
        String name = "race-" + key;
        Map<String, Object> body = Map.of("name", name, "holdMillis", 4000);
        CompletableFuture<ExtractableResponse<Response>> first =
                CompletableFuture.supplyAsync(() -> create(TENANT, "agent-ida", key, body).extract());
        // the first holds its transaction (and the key's advisory lock) for 4 s: send the duplicate once it holds it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> first.isDone() || ChassisDatabase.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0);
        assertThat(first).as("the first request is still in flight").isNotDone();
        ExtractableResponse<Response> second = create(TENANT, "agent-ida", key, body).extract();
        ExtractableResponse<Response> winner = first.join();

        assertThat(winner.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.<String>path("type")).isEqualTo(Problem.TYPE_BASE + "idempotency-key-in-flight");
        assertThat(widgetsNamed(name)).isEqualTo(1);
        // once the first has committed, the same request replays its answer
        assertThat(create(TENANT, "agent-ida", key, body).statusCode(201).extract().body().asString())
                .isEqualTo(winner.body().asString());
    }

    @Test
    void aKeyExpiresAfterTheConfiguredWindow() {
        String key = UUID.randomUUID().toString();
        String name = "expiring-" + key;
        String first = create(key, name).statusCode(201).extract().path("id");
        clock.advance(Duration.ofHours(23));
        assertThat(create(key, name).statusCode(201).extract().<String>path("id")).isEqualTo(first);
        clock.advance(Duration.ofHours(2)); // 25 h after the first: crm.idempotency.ttl (PT24H) has passed
        String after = create(key, name).statusCode(201).extract().path("id");
        assertThat(after).isNotEqualTo(first);
        assertThat(widgetsNamed(name)).isEqualTo(2);
        // the replaced record is young again: the new answer now replays, and another body is refused
        assertThat(create(key, name).statusCode(201).extract().<String>path("id")).isEqualTo(after);
        create(key, "other-" + key).statusCode(422);
    }

    @Test
    void aFailedCreateRecordsNothingSoARetryRunsAgain() {
        String key = UUID.randomUUID().toString();
        String name = "failing-" + key;
        create(TENANT, "agent-ida", key, Map.of("name", name, "fail", true)).statusCode(422)
                .body("type", equalTo(Problem.TYPE_BASE + "widget-refused"));
        assertThat(ChassisDatabase.count("SELECT count(*) FROM idempotency_record WHERE idem_key = ?", key)).isZero();
        assertThat(widgetsNamed(name)).isZero();
        create(TENANT, "agent-ida", key, Map.of("name", name, "fail", false)).statusCode(201);
        assertThat(widgetsNamed(name)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestCreates() {
        String name = "no-key-" + UUID.randomUUID();
        create(null, name).statusCode(201);
        create(null, name).statusCode(201);
        assertThat(widgetsNamed(name)).isEqualTo(2);
    }

    @Test
    void keysAreScopedByTenantAndCaller() {
        String key = UUID.randomUUID().toString();
        String name = "scoped-" + key;
        String mine = create(TENANT, "agent-ida", key, Map.of("name", name)).statusCode(201).extract().path("id");
        String otherTenant = create("other-realty", "agent-ida", key, Map.of("name", name)).statusCode(201).extract().path("id");
        String colleague = create(TENANT, "agent-bob", key, Map.of("name", name)).statusCode(201).extract().path("id");
        assertThat(List.of(mine, otherTenant, colleague)).doesNotHaveDuplicates();
        assertThat(widgetsNamed(name)).isEqualTo(3);
    }

    @Test
    void aKeyOfUpTo255CharactersIsAccepted() {
        String key = UUID.randomUUID() + "k".repeat(255 - 36);
        create(key, "long-" + key.substring(0, 36)).statusCode(201);
    }

    @Test
    void aKeyOver255CharactersIsA400Problem() {
        String key = UUID.randomUUID() + "k".repeat(256 - 36);
        create(key, "too-long-" + key.substring(0, 36)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-idempotency-key"));
        assertThat(widgetsNamed("too-long-" + key.substring(0, 36))).isZero();
    }
}
