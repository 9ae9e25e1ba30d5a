package com.keystone.crm.platform.chassis.idempotency;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Idempotency-Key on a create, recorded in the transaction of the create. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class IdempotencyKeysHttpTest {
    static final String TENANT = "idem-realty";

    static ValidatableResponse create(String tenant, String key, String name) {
        return given().auth().oauth2(TestTokens.token(tenant, "agent-ida", null, "agent"))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/test/widgets/idempotent").then();
    }

    static long widgetsNamed(String name) {
        return ChassisDatabase.count("SELECT count(*) FROM widget WHERE name = ?", name);
    }

    @Test
    void aRetryReplaysTheFirstCreate() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key;
        String first = create(TENANT, key, name).statusCode(201).extract().path("id");
        String again = create(TENANT, key, name).statusCode(200).extract().path("id");

        assertThat(again).isEqualTo(first);
        assertThat(widgetsNamed(name)).isEqualTo(1);
        Map<String, Object> record = ChassisDatabase.row(
                "SELECT request_hash, resource_id FROM idempotency_record WHERE tenant_id = ? AND scope = 'widget.create' AND idem_key = ?",
                TENANT, key).orElseThrow();
        assertThat(record).containsEntry("request_hash", IdempotencyKeys.hash(name)).containsEntry("resource_id", first);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        create(TENANT, key, "first-" + key).statusCode(201);
        create(TENANT, key, "other-" + key).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "idempotency-key-reused"))
                .body("title", equalTo("Unprocessable Content"));
        assertThat(widgetsNamed("other-" + key)).isZero();
    }

    @Test
    void keysAreScopedByTenant() {
        String key = UUID.randomUUID().toString();
        String name = "tenant-scoped-" + key;
        String mine = create(TENANT, key, name).statusCode(201).extract().path("id");
        String theirs = create("other-realty", key, name).statusCode(201).extract().path("id");
        assertThat(theirs).isNotEqualTo(mine);
        assertThat(widgetsNamed(name)).isEqualTo(2);
    }

    @Test
    void aKeyOfUpTo255CharactersIsAccepted() {
        String key = UUID.randomUUID() + "k".repeat(255 - 36);
        create(TENANT, key, "long-" + key.substring(0, 36)).statusCode(201);
    }

    @Test
    void aKeyOver255CharactersIsA400Problem() {
        String key = UUID.randomUUID() + "k".repeat(256 - 36);
        create(TENANT, key, "too-long-" + key.substring(0, 36)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-idempotency-key"));
        assertThat(widgetsNamed("too-long-" + key.substring(0, 36))).isZero();
    }

    @Test
    void theLoserOfTwoConcurrentFirstAttemptsGetsA409() {
        String key = UUID.randomUUID().toString();
        String token = TestTokens.token(TENANT, "agent-ida", null, "agent");
        given().auth().oauth2(token).post("/test/widgets/remember/" + key).then().statusCode(204);
        given().auth().oauth2(token).post("/test/widgets/remember/" + key).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "conflict"));
    }
}
