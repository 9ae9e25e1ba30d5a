package com.keystone.crm.gateway.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;

import java.util.Set;

/**
 * The gateway authenticates its own endpoints with the keys it holds (no round trip to its own JWKS), ahead of
 * SmallRye JWT's mechanism; the identity's principal is a JsonWebToken, so the chassis's Caller works unchanged.
 */
@ApplicationScoped
public class GatewayAuthMechanism implements HttpAuthenticationMechanism {
    private final AccessTokenVerifier verifier;

    public GatewayAuthMechanism(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String token = AccessTokenVerifier.bearer(header);
        try {
            JwtClaims claims = verifier.verify(token);
            DefaultJWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(token, "JWT", claims);
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal)
                    .addRoles(principal.getGroups())
                    .addCredential(new io.quarkus.security.credential.TokenCredential(token, "bearer"))
                    .build());
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // above SmallRye JWT's mechanism (1000)
        return 2000;
    }
}
