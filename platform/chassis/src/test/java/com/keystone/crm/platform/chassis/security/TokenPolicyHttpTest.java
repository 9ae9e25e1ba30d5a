package com.keystone.crm.platform.chassis.security;

import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #17: directly at a service, a token from the future, one without jti, sub or tenant, and one valid for ten
 * years were accepted; the chassis's TokenPolicy now refuses them with 401 in every service.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class TokenPolicyHttpTest {

    static String token(Consumer<Map<String, Object>> bend) {
        Map<String, Object> claims = TestTokens.claimsOf("acme", "u-1", "agent");
        bend.accept(claims);
        return TestTokens.signClaims(claims);
    }

    static void refused(String token) {
        given().auth().oauth2(token).get("/test/caller").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aWellFormedTokenPasses() {
        given().auth().oauth2(token(c -> { })).get("/test/caller").then().statusCode(200).body("userId", equalTo("u-1"));
    }

    @Test
    void tokensBreakingThePolicyAreRefused() {
        long now = System.currentTimeMillis() / 1000;
        refused(token(c -> c.remove("jti")));
        refused(token(c -> c.remove("sub")));
        refused(token(c -> c.remove("tenant")));
        refused(token(c -> {
            c.put("iat", now + 86_400);
            c.put("exp", now + 86_400 + 300);
        }));
        refused(token(c -> c.put("exp", now + 10L * 365 * 86_400)));
    }
}
