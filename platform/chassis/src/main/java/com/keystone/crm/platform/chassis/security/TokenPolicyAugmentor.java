package com.keystone.crm.platform.chassis.security;

import com.keystone.crm.platform.chassis.revocation.AccessRevocations;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Applies {@link TokenPolicy} to every identity made from a JWT, then the revocations the service consumed
 * ({@link AccessRevocations}, issue #10): a violation or a revoked token is a 401, like a bad signature.
 */
@ApplicationScoped
public class TokenPolicyAugmentor implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(TokenPolicyAugmentor.class);

    private final TokenPolicy policy;
    private final AccessRevocations revocations;

    public TokenPolicyAugmentor(TokenPolicy policy, AccessRevocations revocations) {
        this.policy = policy;
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        TokenPolicy.Claims claims = claims(jwt);
        String violation = policy.violation(claims);
        if (violation == null) {
            Object sid = jwt.getClaim("sid");
            violation = revocations.refusal(unquote(claims.tenant()), claims.subject(), claims.tokenId(),
                    sid == null ? null : unquote(sid.toString()), claims.issuedAt());
        }
        if (violation != null) {
            LOG.debugf("refused token: %s", violation);
            return Uni.createFrom().failure(new AuthenticationFailedException(violation));
        }
        return Uni.createFrom().item(identity);
    }

    static TokenPolicy.Claims claims(JsonWebToken jwt) {
        Object tenant = jwt.getClaim("tenant");
        return new TokenPolicy.Claims(jwt.getSubject(), jwt.getTokenID(), tenant == null ? null : tenant.toString(),
                seconds(jwt.getClaim("iat")), seconds(jwt.getClaim("nbf")), seconds(jwt.getClaim("exp")));
    }

    /** Custom claims may come as JsonString, which prints with its quotes. */
    static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Long seconds(Object claim) {
        if (claim instanceof Number n) {
            return n.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        if (claim == null) {
            return null;
        }
        try {
            return Long.parseLong(claim.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
