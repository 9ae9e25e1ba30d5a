package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.TotpRecoveryCode;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class TotpRecoveryCodeRepository implements PanacheRepositoryBase<TotpRecoveryCode, UUID> {

    /** Spends a code: a conditional update, so two logins racing with one code cannot both win. 1 when spent now. */
    public Uni<Integer> spend(String userId, String codeHash, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and codeHash = ?3 and usedAt is null", now, userId, codeHash);
    }

    public Uni<Long> deleteAllOf(String userId) {
        return delete("userId", userId);
    }

    public Uni<Long> unused(String userId) {
        return count("userId = ?1 and usedAt is null", userId);
    }
}
