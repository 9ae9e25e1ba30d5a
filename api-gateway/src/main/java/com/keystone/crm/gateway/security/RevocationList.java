package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.domain.RevokedAccessToken;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.RevokedAccessTokenRepository;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a still-unexpired access token invalid: its user was deactivated, or it was logged out (its jti).
 * Checked on every request the gateway authenticates or proxies. Kept in memory and reloaded from the database
 * every few seconds, so an instance learns what another one revoked.
 */
@ApplicationScoped
public class RevocationList {
    private final AppUserRepository users;
    private final RevokedAccessTokenRepository revoked;
    private final Set<String> deactivatedUsers = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> revokedJtis = new ConcurrentHashMap<>();
    private final CrmClock clock;

    public RevocationList(AppUserRepository users, RevokedAccessTokenRepository revoked, CrmClock clock) {
        this.clock = clock;
        this.users = users;
        this.revoked = revoked;
    }

    public boolean isRevoked(String subject, String jti) {
        return deactivatedUsers.contains(subject) || (jti != null && revokedJtis.containsKey(jti));
    }

    public void userDeactivated(String userId) {
        deactivatedUsers.add(userId);
    }

    /** Records a logged-out access token (in the caller's transaction) until it would have expired. */
    public Uni<Void> revokeAccessToken(String jti, Instant expiresAt) {
        RevokedAccessToken r = new RevokedAccessToken();
        r.jti = jti;
        r.expiresAt = expiresAt;
        revokedJtis.put(jti, expiresAt);
        return revoked.persist(r).replaceWithVoid();
    }

    /**
     * Adds what the database knows (other instances' revocations). Nothing is removed but expired jtis: users are never
     * reactivated, and replacing the sets could drop a revocation made here while the reload was reading.
     */
    @WithSession
    public Uni<Void> reload() {
        Instant now = clock.now();
        return users.find("active = false").list()
                .invoke(list -> list.forEach(u -> deactivatedUsers.add(u.id)))
                .chain(() -> revoked.find("expiresAt > ?1", now).list())
                .invoke(list -> {
                    list.forEach(r -> revokedJtis.put(r.jti, r.expiresAt));
                    revokedJtis.values().removeIf(exp -> exp.isBefore(now));
                })
                .replaceWithVoid();
    }

    /** Forgets logged-out tokens that have expired anyway. */
    @WithTransaction
    public Uni<Void> purge(Instant now) {
        return revoked.delete("expiresAt < ?1", now).replaceWithVoid();
    }

}
