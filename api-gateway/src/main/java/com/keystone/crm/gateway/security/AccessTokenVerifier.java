package com.keystone.crm.gateway.security;

import com.keystone.crm.platform.chassis.revocation.AccessRevocations;
import com.keystone.crm.gateway.config.TokenConfig;
import com.keystone.crm.platform.chassis.security.TokenPolicy;
import com.keystone.crm.platform.chassis.time.CrmClock;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;

/**
 * Verifies the gateway's own access tokens (RFC 8725): RS256 only (no "none", no HMAC), a kid naming a key of the
 * ring that still verifies, iss, aud, exp, iat, nbf, sub and jti, the platform's {@link TokenPolicy} (tenant, bounded
 * lifetime and clock skew), then the revocation list.
 */
@ApplicationScoped
public class AccessTokenVerifier {
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final JwtConsumer consumer;
    private final RevocationList revocations;
    private final CrmClock clock;

    private final TokenPolicy policy;
    private final AccessRevocations sessionRevocations;

    public AccessTokenVerifier(KeyRing keys, TokenConfig config, RevocationList revocations, CrmClock clock, TokenPolicy policy,
                               AccessRevocations sessionRevocations) {
        this.sessionRevocations = sessionRevocations;
        this.clock = clock;
        this.policy = policy;
        this.revocations = revocations;
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> keys.verificationKey(jws.getKeyIdHeaderValue(), clock.now())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown or expired kid")))
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(config.audience())
                .build();
    }

    public JwtClaims verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        try {
            // the platform's one policy (chassis TokenPolicy), the same the services apply
            String violation = policy.violation(new TokenPolicy.Claims(claims.getSubject(), claims.getJwtId(),
                    claims.hasClaim("tenant") ? String.valueOf(claims.getClaimValue("tenant")) : null,
                    claims.getIssuedAt() == null ? null : claims.getIssuedAt().getValue(),
                    claims.getNotBefore() == null ? null : claims.getNotBefore().getValue(),
                    claims.getExpirationTime() == null ? null : claims.getExpirationTime().getValue()));
            if (violation != null) {
                throw new InvalidTokenException(violation);
            }
            if (revocations.isRevoked(claims.getSubject(), claims.getJwtId())) {
                throw new InvalidTokenException("revoked");
            }
            // what the gateway published as auth.access-revoked (sessions of a reused refresh family, second-factor
            // resets): the same chassis store every service checks
            String refusal = sessionRevocations.refusal(claims.hasClaim("tenant") ? String.valueOf(claims.getClaimValue("tenant")) : null,
                    claims.getSubject(), claims.getJwtId(), claims.hasClaim("sid") ? String.valueOf(claims.getClaimValue("sid")) : null,
                    claims.getIssuedAt() == null ? null : claims.getIssuedAt().getValue());
            if (refusal != null) {
                throw new InvalidTokenException(refusal);
            }
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        return claims;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
