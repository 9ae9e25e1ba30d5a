package com.keystone.crm.property.repository;

import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.property.domain.Provider;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Providers, and the lease that lets one replica at a time sync one: the engine's writes name the lease owner and
 * change nothing once another worker took the provider over. Lease times use the database clock.
 */
@ApplicationScoped
public class ProviderRepository implements PanacheRepositoryBase<Provider, UUID> {
    /**
     * Provider leases (the chassis's claim with SKIP LOCKED: two replicas polling at once take different providers
     * instead of queueing on one). Work is a due schedule, a queued run or a run whose worker died.
     */
    static final LeaseTable PROVIDERS = LeaseTable.on("mls_provider", "id", "uuid")
            .ready("enabled AND (next_run_at <= now() OR EXISTS (SELECT 1 FROM sync_run r "
                    + "WHERE r.provider_id = mls_provider.id AND r.state IN ('queued', 'running')))")
            .order("next_run_at NULLS FIRST, id")
            .build();
    static final String RELEASE = "UPDATE mls_provider SET lease_owner = NULL, lease_expires_at = NULL, "
            + "next_run_at = cast(cast(?3 as text) as timestamptz), "
            + "watermark = CASE WHEN cast(?4 as text) IS NULL THEN watermark "
            + "ELSE greatest(watermark, cast(cast(?4 as text) as timestamptz)) END, "
            + "last_reconciled_at = CASE WHEN cast(?5 as text) IS NULL THEN last_reconciled_at "
            + "ELSE cast(cast(?5 as text) as timestamptz) END "
            + "WHERE id = ?1 AND lease_owner = ?2";
    static final String NEXT_SEQ = "UPDATE mls_provider SET run_seq = run_seq + 1 WHERE id = ?1";

    public Uni<Provider> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** Deletes the tenant's provider with one statement (the database cascades to its rows); answers how many went. */
    public Uni<Long> deleteInTenant(String tenantId, UUID id) {
        return delete("id = ?1 and tenantId = ?2", id, tenantId);
    }

    public Uni<List<Provider>> listInTenant(String tenantId) {
        return find("tenantId = ?1 order by name, id", tenantId).list();
    }

    public Uni<Boolean> nameTaken(String tenantId, String name, UUID except) {
        return count("tenantId = ?1 and lower(name) = lower(?2) and id <> ?3", tenantId, name,
                except == null ? new UUID(0, 0) : except).map(n -> n > 0);
    }

    /** Leases the next provider with work (a due schedule, a queued run or a run whose worker died); null if none. */
    public Uni<UUID> leaseNext(String owner, Duration lease) {
        return PROVIDERS.claimNext(owner, lease).map(c -> c == null ? null : UUID.fromString(c.key()));
    }

    /** Leases this provider if no live worker holds it; null otherwise. */
    public Uni<UUID> lease(UUID id, String owner, Duration lease) {
        return PROVIDERS.claim(id.toString(), owner, lease).map(c -> c == null ? null : id);
    }

    /** False when the lease is lost (another worker took the provider over): stop. */
    public Uni<Boolean> renew(UUID id, String owner, Duration lease) {
        return PROVIDERS.renew(id.toString(), owner, lease);
    }

    /** Ends the lease, moving the watermark forward (never back) and setting the next scheduled run. */
    public Uni<Boolean> release(UUID id, String owner, Instant nextRunAt, Instant watermark, Instant reconciledAt) {
        return NativeSql.execute(RELEASE, id, owner, str(nextRunAt), str(watermark), str(reconciledAt)).map(n -> n == 1);
    }

    public Uni<Long> nextSeq(UUID id) {
        return NativeSql.execute(NEXT_SEQ, id)
                .chain(() -> NativeSql.strings("SELECT cast(run_seq as text) FROM mls_provider WHERE id = ?1", id))
                .map(s -> Long.parseLong(s.get(0)));
    }

    static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
