package com.keystone.crm.gateway.proxy;

import com.keystone.crm.gateway.FakeUpstream;
import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Proxy mechanics against a real HTTP upstream: forwarding, propagation, retries, timeouts, breaker, limits. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ProxyTest {
    static final FakeUpstream UPSTREAM = FakeUpstream.get();
    String token;

    @BeforeEach
    void login() {
        token = Logins.adminToken();
    }

    @Test
    void forwardsMethodPathQueryBodyAndTheBearerToken() {
        JsonPath echo = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"a\":1}")
                .header("X-Request-Id", "req-123").header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .post("/api/v1/echo/things?x=1&y=two")
                .then().statusCode(200).header("X-Upstream", "echo").header("X-Request-Id", "req-123")
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .extract().jsonPath();
        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getString("uri")).isEqualTo("/api/v1/echo/things?x=1&y=two");
        assertThat(echo.getString("body")).isEqualTo("{\"a\":1}");
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + token);
        assertThat(echo.getString("headers.x-request-id")).isEqualTo("req-123");
        // the caller's trace goes on, continued by the gateway's own span
        assertThat(echo.getString("headers.traceparent")).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
                .isNotEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(echo.getString("headers.x-forwarded-for")).isNotBlank();
        // the service's absolute links point at the gateway
        given().auth().oauth2(token).get("/api/v1/echo/things").then().statusCode(200)
                .header("Location", org.hamcrest.Matchers.endsWith(":" + io.restassured.RestAssured.port + "/api/v1/echo/created/1"));
    }

    @Test
    void startsARequestIdAndATraceWhenTheCallerHasNone() {
        JsonPath echo = given().auth().oauth2(token).get("/api/v1/echo")
                .then().statusCode(200).header("X-Request-Id", notNullValue()).extract().jsonPath();
        assertThat(echo.getString("headers.x-request-id")).isNotBlank();
        assertThat(echo.getString("headers.traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void retriesIdempotentRequestsOnlyAndPassesUpstreamAnswersOn() {
        given().auth().oauth2(token).get("/api/v1/echo/flaky/get-1").then().statusCode(200).body("attempt", equalTo(3));
        assertThat(UPSTREAM.calls("/api/v1/echo/flaky/get-1")).isEqualTo(3);
        given().auth().oauth2(token).post("/api/v1/echo/flaky/post-1").then().statusCode(503);
        assertThat(UPSTREAM.calls("/api/v1/echo/flaky/post-1")).isEqualTo(1);
        given().auth().oauth2(token).get("/api/v1/echo/status/404").then().statusCode(404).body("code", equalTo(404));
        assertThat(UPSTREAM.calls("/api/v1/echo/status/404")).isEqualTo(1);
    }

    @Test
    void aSlowServiceIs504AndABrokenAnswerIs502() {
        given().auth().oauth2(token).post("/api/v1/echo/slow").then().statusCode(504)
                .contentType("application/problem+json").body("type", equalTo("https://keystone-crm.dev/problems/gateway-timeout"));
        given().auth().oauth2(token).post("/api/v1/echo/reset").then().statusCode(502)
                .contentType("application/problem+json").body("status", equalTo(502));
    }

    @Test
    void anUnreachableServiceIs503ProblemJson() {
        given().auth().oauth2(token).get("/api/v1/nowhere/x").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("https://keystone-crm.dev/problems/service-unavailable"));
    }

    @Test
    void theBreakerOpensOnAFailingServiceAndClosesWhenItRecovers() {
        UPSTREAM.down(true);
        try {
            for (int i = 0; i < 8; i++) {
                given().auth().oauth2(token).post("/api/v1/fragile/breaker").then().statusCode(503);
            }
            int before = UPSTREAM.calls("/api/v1/fragile/breaker");
            // open: answered at the gateway without reaching the service
            given().auth().oauth2(token).post("/api/v1/fragile/breaker").then().statusCode(503)
                    .contentType("application/problem+json").body("detail", equalTo("fragile-service is unavailable; retry later"));
            assertThat(UPSTREAM.calls("/api/v1/fragile/breaker")).isEqualTo(before);
        } finally {
            UPSTREAM.down(false);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(token).post("/api/v1/fragile/breaker").then().statusCode(200));
    }

    /**
     * Issue #17: one caller's requests that the service answers 4xx or 500 never open its breaker; only what says the
     * service is unhealthy (unreachable, timeouts, 502/503/504) counts. The breaker opens after 8 failures here.
     */
    @Test
    void answersCausedByTheRequestNeverOpenTheBreaker() {
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/v1/touchy/status/500").then().statusCode(500);
            given().auth().oauth2(token).post("/api/v1/touchy/status/400").then().statusCode(400);
            given().auth().oauth2(token).post("/api/v1/touchy/status/422").then().statusCode(422);
        }
        // a 500 is not retried either: the request caused it, a retry would cause it again
        assertThat(UPSTREAM.calls("/api/v1/touchy/status/500")).isEqualTo(20);
        given().auth().oauth2(token).get("/api/v1/touchy/things").then().statusCode(200).header("X-Upstream", "echo");
    }

    /** Issue #17: multipart bodies (the CSV import) are forwarded byte for byte; the gateway used to drop them. */
    @Test
    void multipartBodiesAreForwarded() {
        JsonPath echo = given().auth().oauth2(token)
                .multiPart("file", "leads.csv", "firstName,email\nJane,jane@example.com\n".getBytes(), "text/csv")
                .multiPart("mapping", "{\"firstName\":\"firstName\"}", "application/json")
                .post("/api/v1/echo/imports").then().statusCode(200).extract().jsonPath();
        assertThat(echo.getString("headers.content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(echo.getString("body")).contains("filename=\"leads.csv\"").contains("Jane,jane@example.com")
                .contains("{\"firstName\":\"firstName\"}");
        // and a form body too
        JsonPath form = given().auth().oauth2(token).formParam("a", "1").post("/api/v1/echo/form").then().statusCode(200)
                .extract().jsonPath();
        assertThat(form.getString("body")).isEqualTo("a=1");
    }

    /** Issue #17: proxied API answers carry personal data: Cache-Control: no-store, whatever the service said. */
    @Test
    void proxiedAnswersAreNotStored() {
        given().auth().oauth2(token).get("/api/v1/echo/things").then().statusCode(200).header("Cache-Control", "no-store");
        given().auth().oauth2(token).get("/api/v1/echo/status/409").then().statusCode(409).header("Cache-Control", "no-store");
    }

    @Test
    void bodiesOverTheLimitAre413AndUnroutedPathsAre404() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("x".repeat(70_000))
                .post("/api/v1/echo/big").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/no-such-thing").then().statusCode(404);
        given().get("/api/v1/echo/x").then().statusCode(401).contentType("application/problem+json");
    }
}
