package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.config.TokenConfig;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.revocation.AccessRevocations;
import com.keystone.crm.platform.chassis.security.TokenPolicy;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * auth.access-revoked (issue #10): what every service must stop accepting although it has not expired. Written through
 * the outbox in the caller's transaction (a rolled-back logout revokes nothing), and into the gateway's own copy of the
 * chassis store, so the gateway refuses the same tokens as the services.
 */
@ApplicationScoped
public class AccessRevocationEvents {
    static final String AGGREGATE = "access-revocation";

    private final OutboxWriter outbox;
    private final AccessRevocations store;
    private final TokenConfig tokens;
    private final TokenPolicy policy;

    public AccessRevocationEvents(OutboxWriter outbox, AccessRevocations store, TokenConfig tokens, TokenPolicy policy) {
        this.outbox = outbox;
        this.store = store;
        this.tokens = tokens;
        this.policy = policy;
    }

    /** One access token (logout), until it expires; with its session when the token names one. */
    public Uni<Void> token(String tenantId, String userId, String jti, String sessionId, Instant tokenExpiresAt, Instant now) {
        return publish(builder(tenantId, userId, AuthAccessRevoked.Reason.LOGOUT, now, tokenExpiresAt, userId)
                .withJti(jti).withSessionId(sessionId).build());
    }

    /** Every access token of a login session (a refresh-token family revoked on reuse). */
    public Uni<Void> session(String tenantId, String userId, String sessionId, Instant now) {
        return publish(builder(tenantId, userId, AuthAccessRevoked.Reason.TOKEN_FAMILY_REVOKED, now, latestExpiry(now), "api-gateway")
                .withSessionId(sessionId).build());
    }

    /** Every access token the user holds now (deactivation, a reset second factor). */
    public Uni<Void> user(String tenantId, String userId, AuthAccessRevoked.Reason reason, String actorId, Instant now) {
        return publish(builder(tenantId, userId, reason, now, latestExpiry(now), actorId).build());
    }

    /** The latest expiry of a token issued up to now: the access lifetime plus the clock skew every verifier allows. */
    Instant latestExpiry(Instant now) {
        return now.plus(tokens.accessTtl()).plus(policy.clockSkew());
    }

    private AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> builder(String tenantId, String userId, AuthAccessRevoked.Reason reason,
                                                               Instant now, Instant expiresAt, String actorId) {
        return AuthAccessRevoked.builder()
                .withRevocationId(UUID.randomUUID())
                .withTenantId(tenantId)
                .withUserId(userId)
                .withVersion(1L)
                .withOccurredAt(now)
                .withReason(reason)
                .withExpiresAt(expiresAt)
                .withRevokedBy(actorId);
    }

    private Uni<Void> publish(AuthAccessRevoked payload) {
        return store.record(payload)
                .chain(() -> outbox.append(OutboxEvent.of(AGGREGATE, payload.getRevocationId().toString(), payload)));
    }
}
