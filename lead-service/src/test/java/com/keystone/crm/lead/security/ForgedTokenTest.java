package com.keystone.crm.lead.security;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.ForgedTokens;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * lead-service called directly, bypassing the gateway: it verifies every token itself against the JWKS
 * (the testkit serves it with its kid, as the gateway does) and refuses each forgery of RFC 8725 with 401.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class ForgedTokenTest {
    static final String TENANT = "forgery-realty";
    static final String AGENT = "agent-forge";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "team-f", "agent");
    }

    static String valid() {
        return TestTokens.token(TENANT, AGENT, "team-f", "agent");
    }

    static void refused(String token) {
        given().auth().oauth2(token).get("/api/v1/leads")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theGenuineTokenPasses() {
        given().auth().oauth2(valid()).get("/api/v1/leads").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void algNoneInAnyCasing(String none) {
        refused(ForgedTokens.algNone(valid(), none));
    }

    @Test
    void hs256SignedWithThePublicKey() {
        refused(ForgedTokens.hs256WithPublicKey(valid(), TestTokens.publicKeyPem(), TestTokens.KEY_ID));
    }

    @Test
    void tamperedPayload() {
        refused(ForgedTokens.tamperedPayload(valid(), "\"agent\"", "\"admin\""));
        refused(ForgedTokens.tamperedPayload(valid(), TENANT, "other-realty"));
    }

    @Test
    void strippedSignature() {
        refused(ForgedTokens.strippedSignature(valid()));
    }

    @Test
    void unknownKid() {
        refused(TestTokens.tokenWithKeyId("kid-nobody-published", TENANT, AGENT, "agent"));
    }

    @Test
    void signedByAnotherKey() {
        refused(TestTokens.tokenSignedByAnotherKey(TENANT, AGENT, "agent"));
    }

    @Test
    void expired() {
        refused(TestTokens.expiredToken(TENANT, AGENT, "team-f", "agent"));
    }

    @Test
    void notYetValid() {
        refused(TestTokens.notYetValidToken(TENANT, AGENT, "team-f", "agent"));
    }

    @Test
    void wrongIssuer() {
        refused(TestTokens.tokenWithIssuer("https://evil.example", TENANT, AGENT, "agent"));
    }

    @Test
    void wrongAudience() {
        refused(TestTokens.tokenWithAudience("some-other-api", TENANT, AGENT, "agent"));
    }

    @Test
    void garbage() {
        refused("not-a-jwt");
        given().header("Authorization", "Bearer").get("/api/v1/leads").then().statusCode(401)
                .body("status", equalTo(401));
    }
}
