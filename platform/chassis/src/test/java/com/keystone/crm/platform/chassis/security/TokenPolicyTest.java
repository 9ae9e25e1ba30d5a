package com.keystone.crm.platform.chassis.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17: the one token policy (sub, jti, tenant, exp; bounded lifetime; bounded skew for iat and nbf). */
class TokenPolicyTest {
    final TokenPolicy policy = new TokenPolicy(Duration.ofHours(1), Duration.ofSeconds(60));
    final Instant now = Instant.parse("2026-12-06T00:00:00Z");
    final long t = now.getEpochSecond();

    TokenPolicy.Claims good() {
        return new TokenPolicy.Claims("u1", "j1", "acme", t, null, t + 300);
    }

    @Test
    void aGatewayShapedTokenPasses() {
        assertThat(policy.violation(good(), now)).isNull();
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", t + 30, t + 30, t + 330), now)).isNull();
    }

    @Test
    void missingClaimsAreRefused() {
        assertThat(policy.violation(new TokenPolicy.Claims(null, "j1", "acme", t, null, t + 300), now)).contains("sub");
        assertThat(policy.violation(new TokenPolicy.Claims("u1", " ", "acme", t, null, t + 300), now)).contains("jti");
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", null, t, null, t + 300), now)).contains("tenant");
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", t, null, null), now)).contains("exp");
    }

    @Test
    void aTokenFromTheFutureOrNotYetValidIsRefused() {
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", t + 86_400, null, t + 86_700), now)).contains("future");
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", t, t + 600, t + 900), now)).contains("not valid yet");
    }

    @Test
    void aTokenLivingLongerThanTheBoundIsRefused() {
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", t, null, t + 10L * 365 * 86_400), now)).contains("longer");
        // without iat, the bound counts from now
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", null, null, t + 7200), now)).contains("longer");
        assertThat(policy.violation(new TokenPolicy.Claims("u1", "j1", "acme", null, null, t + 600), now)).isNull();
    }
}
