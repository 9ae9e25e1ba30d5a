package com.keystone.crm.systemtest;

import com.keystone.crm.tools.localstack.DemoUser;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The scenarios' only way into the services: HTTP through the api-gateway with the RS256 access tokens a real login
 * gave the demo admin and agent. Tokens last 5 minutes at the gateway; they are renewed (a new login) after 3.
 */
public final class Gateway {
    private static final Duration RENEW_AFTER = Duration.ofMinutes(3);

    private final SystemUnderTest system;
    private Map<DemoUser, String> tokens;
    private Instant loggedInAt;

    public Gateway(SystemUnderTest system) {
        this.system = system;
    }

    public synchronized String token(DemoUser user) {
        if (tokens == null || Instant.now().isAfter(loggedInAt.plus(RENEW_AFTER))) {
            tokens = system.login();
            loggedInAt = Instant.now();
        }
        return tokens.get(user);
    }

    /** A request as the demo admin. */
    public RequestSpecification admin() {
        return as(DemoUser.ADMIN);
    }

    /** A request as the demo agent. */
    public RequestSpecification agent() {
        return as(DemoUser.AGENT);
    }

    public RequestSpecification as(DemoUser user) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(token(user)).accept(ContentType.JSON);
    }

    /** A JSON create with a fresh Idempotency-Key (every create endpoint takes one; lead-events require it). */
    public RequestSpecification create(RequestSpecification request, Object body) {
        return request.contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(body);
    }
}
