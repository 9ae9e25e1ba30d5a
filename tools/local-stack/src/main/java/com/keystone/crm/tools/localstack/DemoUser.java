package com.keystone.crm.tools.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A demo user of the demo tenant: the claims of its access token and its {@code user.created} event. Until the
 * api-gateway exists, the local stack plays its part (mints the tokens, publishes the events).
 */
public record DemoUser(String userId, String email, String displayName, List<String> roles) {
    public static final String TENANT = "demo-brokerage";
    public static final String TEAM = "demo-team";
    public static final Duration TOKEN_TTL = Duration.ofHours(12);

    public static final DemoUser AGENT = new DemoUser("demo-agent-1", "demo.agent@demo-brokerage.test", "Demo Agent",
            List.of("agent"));
    public static final DemoUser ADMIN = new DemoUser("demo-admin-1", "demo.admin@demo-brokerage.test", "Demo Admin",
            List.of("admin"));
    public static final List<DemoUser> ALL = List.of(AGENT, ADMIN);

    /** Access-token claims (RS256 by {@link JwtMinter}), valid for 12 hours from {@code now}. */
    public Map<String, Object> claims(Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", StackConfig.JWT_ISSUER);
        c.put("aud", StackConfig.JWT_AUDIENCE);
        c.put("sub", userId);
        c.put("upn", email);
        c.put("tenant", TENANT);
        c.put("team", TEAM);
        c.put("groups", roles);
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plus(TOKEN_TTL).getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    /** The {@code user.created} payload (value of the Kafka record; the key is the user id). */
    public Map<String, Object> userCreated(Instant occurredAt) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("userId", userId);
        e.put("tenantId", TENANT);
        e.put("teamId", TEAM);
        e.put("email", email);
        e.put("displayName", displayName);
        e.put("roles", roles);
        e.put("active", true);
        e.put("version", 1);
        e.put("occurredAt", occurredAt.toString());
        return e;
    }

    /**
     * The CloudEvents id of this user's {@code user.created} event: derived from the user id, so seeding again on the
     * next run publishes the same id and consumers (inbox by ce_id) apply it once.
     */
    public UUID userCreatedEventId() {
        return UUID.nameUUIDFromBytes(("user.created:" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /** CloudEvents binary-mode headers (values are UTF-8 bytes on the record). */
    public Map<String, String> userCreatedHeaders(Instant occurredAt) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", userCreatedEventId().toString());
        h.put("ce_source", "/local-stack");
        h.put("ce_type", DemoSeeder.USER_CREATED);
        h.put("ce_time", occurredAt.toString());
        h.put("ce_subject", userId);
        h.put("content-type", "application/json");
        h.put("ce_tenant", TENANT);
        return h;
    }
}
