package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Login lockout per e-mail, login attempts per address, request rate per user and per address: 429 + Retry-After. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(ThrottlingTest.LowLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrottlingTest {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.login.max-failures", "3", "crm.login.attempts-per-ip-per-minute", "12",
                    "crm.rate.per-user-per-minute", "5", "crm.rate.per-ip-per-minute", "40");
        }
    }

    static ExtractableResponse<Response> attempt(String email, String password) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/auth/login").then().extract();
    }

    @Test
    @Order(1)
    void requestsPerUserAre429WithRetryAfter() {
        String token = Logins.adminToken();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/v1/echo/limited").then().statusCode(200);
        }
        ExtractableResponse<Response> limited = given().auth().oauth2(token).get("/api/v1/echo/limited").then().statusCode(429)
                .contentType("application/problem+json").extract();
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    @Order(2)
    void repeatedFailuresLockAnAccountWithoutRevealingWhetherItExists() {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("ghost@nowhere.test", "wrong password").statusCode()).isEqualTo(401);
            assertThat(attempt(GatewayTestResource.ADMIN_EMAIL, "wrong password").statusCode()).isEqualTo(401);
        }
        ExtractableResponse<Response> ghost = attempt("ghost@nowhere.test", "wrong password");
        // locked: even the right password is refused until the lockout ends
        ExtractableResponse<Response> real = attempt(GatewayTestResource.ADMIN_EMAIL, GatewayTestResource.ADMIN_PASSWORD);
        assertThat(ghost.statusCode()).isEqualTo(429);
        assertThat(real.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(real.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(ghost.header("Retry-After")).isNotNull();
        assertThat(real.body().jsonPath().getString("type")).isEqualTo(ghost.body().jsonPath().getString("type"));
        assertThat(real.body().jsonPath().getString("detail")).isEqualTo(ghost.body().jsonPath().getString("detail"));
    }

    @Test
    @Order(3)
    void loginAttemptsPerAddressAreLimited() {
        // every attempt names a new account, so only the address limit can answer 429; no second attempt is
        // asserted after it: the bucket refills one attempt every 5 s, which a slow machine may reach
        ExtractableResponse<Response> last = null;
        for (int i = 0; i < 15 && (last == null || last.statusCode() != 429); i++) {
            last = attempt(Logins.uniqueEmail("spray"), "wrong password");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    @Order(4)
    void requestsPerAddressAreLimitedEvenWithoutAToken() {
        int status = 0;
        String retryAfter = null;
        for (int i = 0; i < 50 && status != 429; i++) {
            ExtractableResponse<Response> r = given().get("/api/v1/echo/anonymous").then().extract();
            status = r.statusCode();
            retryAfter = r.header("Retry-After");
        }
        assertThat(status).isEqualTo(429);
        assertThat(retryAfter).isNotNull();
    }
}
