package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.domain.RevokedAccessToken;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.RevokedAccessTokenRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What makes a still-unexpired access token invalid: its user was deactivated, or it was logged out (its jti).
 * Checked on every request the gateway authenticates or proxies. Kept in memory and reloaded from the database
 * every few seconds, so an instance learns what another one revoked.
 */
@ApplicationScoped
public class RevocationList {
    private final AppUserRepository users;
    private final RevokedAccessTokenRepository revoked;
    private volatile Set<String> deactivatedUsers = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Instant> revokedJtis = new ConcurrentHashMap<>();

    public RevocationList(AppUserRepository users, RevokedAccessTokenRepository revoked) {
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

    @WithSession
    public Uni<Void> reload() {
        return users.find("active = false").list()
                .invoke(list -> {
                    Set<String> ids = ConcurrentHashMap.newKeySet();
                    ids.addAll(list.stream().map(u -> u.id).collect(Collectors.toSet()));
                    deactivatedUsers = ids;
                })
                .chain(() -> revoked.find("expiresAt > ?1", Instant.now()).list())
                .invoke(list -> {
                    Map<String, Instant> jtis = new ConcurrentHashMap<>();
                    list.forEach(r -> jtis.put(r.jti, r.expiresAt));
                    revokedJtis = jtis;
                })
                .replaceWithVoid();
    }

    /** Forgets logged-out tokens that have expired anyway. */
    @WithTransaction
    public Uni<Void> purge(Instant now) {
        return revoked.delete("expiresAt < ?1", now).replaceWithVoid();
    }

}
