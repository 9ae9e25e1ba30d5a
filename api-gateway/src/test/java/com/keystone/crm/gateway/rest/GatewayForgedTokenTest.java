package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.gateway.security.KeyRing;
import com.keystone.crm.platform.testkit.ForgedTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Every forgery of RFC 8725 is refused with 401 at the gateway: on its own endpoints and before proxying. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class GatewayForgedTokenTest {
    @Inject
    KeyRing keys;

    String valid;

    @BeforeEach
    void login() {
        valid = Logins.adminToken();
    }

    static void refused(String token) {
        given().auth().oauth2(token).get("/auth/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/echo/x").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    JwtClaimsBuilder claims() {
        return Jwt.issuer("https://auth.keystone-crm.local").audience("keystone-crm").subject("someone")
                .groups(Set.of("admin")).claim("tenant", GatewayTestResource.TENANT).claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(5));
    }

    String signed(JwtClaimsBuilder b) {
        return b.jws().keyId(keys.signing().kid()).sign(keys.signing().privateKey());
    }

    @Test
    void theGenuineTokenPassesBoth() {
        given().auth().oauth2(valid).get("/auth/me").then().statusCode(200);
        given().auth().oauth2(valid).get("/api/v1/echo/x").then().statusCode(200);
        given().auth().oauth2(signed(claims())).get("/api/v1/echo/x").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void algNoneInAnyCasing(String none) {
        refused(ForgedTokens.algNone(valid, none));
    }

    @Test
    void hs256SignedWithThePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.signing().publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        refused(ForgedTokens.hs256WithPublicKey(valid, pem, keys.signing().kid()));
    }

    @Test
    void tamperedPayloadAndStrippedSignature() {
        refused(ForgedTokens.tamperedPayload(valid, GatewayTestResource.TENANT, "other-realty"));
        refused(ForgedTokens.strippedSignature(valid));
    }

    /** Issue #17: the gateway applies the chassis's TokenPolicy, the same as every service. */
    @Test
    void tokensBreakingThePlatformPolicyAreRefused() {
        long now = Instant.now().getEpochSecond();
        java.util.function.Function<java.util.Map<String, Object>, String> sign = c -> {
            org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
            c.forEach(claims::setClaim);
            org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue("RS256");
            jws.setKeyIdHeaderValue(keys.signing().kid());
            jws.setKey(keys.signing().privateKey());
            try {
                return jws.getCompactSerialization();
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.function.Supplier<java.util.Map<String, Object>> base = () -> new java.util.HashMap<>(java.util.Map.of(
                "iss", "https://auth.keystone-crm.local", "aud", "keystone-crm", "sub", "someone", "groups", java.util.List.of("admin"),
                "tenant", GatewayTestResource.TENANT, "jti", UUID.randomUUID().toString(), "iat", now, "exp", now + 300));
        given().auth().oauth2(sign.apply(base.get())).get("/api/v1/echo/x").then().statusCode(200);
        java.util.Map<String, Object> noTenant = base.get();
        noTenant.remove("tenant");
        refused(sign.apply(noTenant));
        java.util.Map<String, Object> tenYears = base.get();
        tenYears.put("exp", now + 10L * 365 * 86_400);
        refused(sign.apply(tenYears));
        java.util.Map<String, Object> future = base.get();
        future.put("iat", now + 86_400);
        future.put("exp", now + 86_700);
        refused(sign.apply(future));
    }

    @Test
    void unknownKidExpiredNotYetValidWrongIssuerWrongAudience() {
        refused(claims().jws().keyId("kid-nobody-published").sign(keys.signing().privateKey()));
        refused(signed(claims().issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofHours(1)))));
        refused(signed(claims().claim("nbf", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())));
        refused(signed(claims().issuer("https://evil.example")));
        refused(signed(claims().audience("another-api")));
        refused("garbage");
    }
}
