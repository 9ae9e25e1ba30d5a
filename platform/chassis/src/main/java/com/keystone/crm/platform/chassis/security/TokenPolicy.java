package com.keystone.crm.platform.chassis.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * The one access-token policy of the platform, applied by every service (through {@link TokenPolicyAugmentor},
 * after SmallRye JWT checked signature, issuer, audience and expiry) and by the gateway (its own verifier and its
 * proxy): a token must name its subject ({@code sub}), its id ({@code jti}, the key of revocation) and its tenant,
 * must expire ({@code exp}) within {@code crm.jwt.max-lifetime} of its issue (or of now, without {@code iat}), and
 * neither {@code iat} nor {@code nbf} may lie further in the future than {@code crm.jwt.clock-skew}.
 */
@ApplicationScoped
public class TokenPolicy {
    private final Duration maxLifetime;
    private final Duration clockSkew;

    public TokenPolicy(@ConfigProperty(name = "crm.jwt.max-lifetime", defaultValue = "PT1H") Duration maxLifetime,
                       @ConfigProperty(name = "crm.jwt.clock-skew", defaultValue = "PT60S") Duration clockSkew) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
    }

    /** The claims the policy looks at; times in epoch seconds, null when absent. */
    public record Claims(String subject, String tokenId, String tenant, Long issuedAt, Long notBefore, Long expiresAt) {
    }

    /** Why the token is refused, or null when the policy accepts it; token times are wall-clock times. */
    public String violation(Claims c) {
        return violation(c, Instant.now());
    }

    public String violation(Claims c, Instant now) {
        if (blank(c.subject())) {
            return "the token has no sub";
        }
        if (blank(c.tokenId())) {
            return "the token has no jti";
        }
        if (blank(c.tenant())) {
            return "the token has no tenant";
        }
        if (c.expiresAt() == null) {
            return "the token has no exp";
        }
        Instant latestStart = now.plus(clockSkew);
        if (c.issuedAt() != null && Instant.ofEpochSecond(c.issuedAt()).isAfter(latestStart)) {
            return "the token is issued in the future";
        }
        if (c.notBefore() != null && Instant.ofEpochSecond(c.notBefore()).isAfter(latestStart)) {
            return "the token is not valid yet";
        }
        Instant start = c.issuedAt() != null ? Instant.ofEpochSecond(c.issuedAt()) : now;
        Instant expires = Instant.ofEpochSecond(c.expiresAt());
        if (Duration.between(start, expires).compareTo(maxLifetime) > 0
                || Duration.between(now, expires).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return "the token lives longer than " + maxLifetime;
        }
        return null;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
