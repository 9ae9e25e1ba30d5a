package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.config.TokenConfig;
import com.keystone.crm.gateway.domain.AppUser;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Signs RS256 access tokens with the key ring's current key: sub, tenant, team, groups, iss, aud, exp, iat, jti, kid. */
@ApplicationScoped
public class TokenIssuer {
    private final KeyRing keys;
    private final TokenConfig config;

    public TokenIssuer(KeyRing keys, TokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public record AccessToken(String token, String jti, Instant expiresAt) {
    }

    public AccessToken issue(AppUser user, Instant now) {
        return issue(user, user.roleSet(), now);
    }

    /** With the groups granted now (an admin who must but has not yet set up TOTP gets no admin group). */
    public AccessToken issue(AppUser user, java.util.Set<String> groups, Instant now) {
        return issue(user, groups, null, now);
    }

    /**
     * With the login session ({@code sid}: the refresh-token family) when there is one, so revoking a family on reuse
     * also revokes its access tokens, here and at every service (auth.access-revoked with sessionId).
     */
    public AccessToken issue(AppUser user, java.util.Set<String> groups, String sessionId, Instant now) {
        String jti = UUID.randomUUID().toString();
        Instant exp = now.plus(config.accessTtl());
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(user.id)
                .upn(user.email)
                .groups(groups)
                .claim("tenant", user.tenantId)
                .claim("jti", jti)
                .issuedAt(now)
                .expiresAt(exp);
        if (user.teamId != null) {
            claims.claim("team", user.teamId);
        }
        if (sessionId != null) {
            claims.claim("sid", sessionId);
        }
        KeyRing.Entry key = keys.signing();
        String token = claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(key.kid()).sign(key.privateKey());
        return new AccessToken(token, jti, exp);
    }
}
