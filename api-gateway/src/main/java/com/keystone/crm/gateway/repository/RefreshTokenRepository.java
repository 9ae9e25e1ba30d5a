package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {
    public Uni<RefreshToken> findByHash(String hash) {
        return find("tokenHash", hash).firstResult();
    }

    /** Marks a token rotated unless a concurrent request did first; 1 when this call won. */
    public Uni<Integer> markRotated(UUID id, Instant at) {
        return update("rotatedAt = ?1 where id = ?2 and rotatedAt is null and revokedAt is null", at, id);
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant at) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", at, familyId);
    }

    public Uni<Integer> revokeAllOfUser(String userId, Instant at) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", at, userId);
    }
}
