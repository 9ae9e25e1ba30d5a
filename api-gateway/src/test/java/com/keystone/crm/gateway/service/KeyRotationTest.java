package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.gateway.security.KeyRing;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A rotation: the new key signs, the old one is still published and verifies until its window closes. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class KeyRotationTest {
    @Inject
    KeyRing keys;

    static String kid(String token) {
        return new io.restassured.path.json.JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]),
                StandardCharsets.UTF_8)).getString("kid");
    }

    @Test
    void newKeySignsOldKeyVerifiesUntilItExpires() throws Throwable {
        String before = Logins.adminToken();
        String oldKid = kid(before);
        String newKid = VertxContextSupport.subscribeAndAwait(() -> keys.rotate(Instant.now()));
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = Logins.adminToken();
        assertThat(kid(after)).isEqualTo(newKid);
        List<String> published = given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
        assertThat(published).contains(oldKid, newKid);
        given().auth().oauth2(before).get("/auth/me").then().statusCode(200);
        given().auth().oauth2(after).get("/auth/me").then().statusCode(200);

        // once the old key's window (access-ttl + grace) has passed, it leaves the JWKS and its tokens stop verifying
        VertxContextSupport.subscribeAndAwait(() -> keys.purge(Instant.now().plus(Duration.ofHours(1))));
        published = given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
        assertThat(published).contains(newKid).doesNotContain(oldKid);
        given().auth().oauth2(before).get("/auth/me").then().statusCode(401);
        given().auth().oauth2(after).get("/auth/me").then().statusCode(200);

        // a due rotation happens by itself; one that is not due changes nothing
        VertxContextSupport.subscribeAndAwait(() -> keys.ensureCurrent(Instant.now()));
        assertThat(keys.signing().kid()).isEqualTo(newKid);
        VertxContextSupport.subscribeAndAwait(() -> keys.ensureCurrent(Instant.now().plus(Duration.ofDays(31))));
        assertThat(keys.signing().kid()).isNotEqualTo(newKid);
    }
}
