package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.domain.SyncRun;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.repository.ProviderRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The ops view of a tenant's syncs, for the dashboard page. */
@ApplicationScoped
public class DashboardService {
    static final String BACKLOG = "SELECT cast(provider_id as text), cast(count(*) as text) FROM photo_task "
            + "WHERE tenant_id = ?1 GROUP BY provider_id";
    static final String COUNTS = "SELECT cast(p.provider_id as text), cast(count(*) FILTER (WHERE NOT p.removed) as text) "
            + "FROM property p WHERE p.tenant_id = ?1 GROUP BY p.provider_id";
    static final String COPIED = "SELECT cast(m.provider_id as text), cast(count(*) as text) FROM media m "
            + "JOIN mls_provider p ON p.id = m.provider_id WHERE p.tenant_id = ?1 AND m.content_sha256 IS NOT NULL "
            + "AND m.copied_modification_timestamp IS NOT DISTINCT FROM m.media_modification_timestamp GROUP BY m.provider_id";
    static final String ERRORS = "SELECT cast(provider_id as text), code, cast(count(*) as text), "
            + "to_json(max(occurred_at))#>>'{}', (array_agg(server_message ORDER BY id DESC))[1] FROM sync_error "
            + "WHERE tenant_id = ?1 AND occurred_at > now() - interval '24 hours' GROUP BY provider_id, code "
            + "ORDER BY provider_id, count(*) DESC";

    private final ProviderRepository providers;
    private final ProviderClients clients;
    private final CrmClock clock;

    public DashboardService(ProviderRepository providers, ProviderClients clients, CrmClock clock) {
        this.clock = clock;
        this.providers = providers;
        this.clients = clients;
    }

    @WithSession
    public Uni<DashboardView> view(String tenantId) {
        return providers.listInTenant(tenantId).chain(ps -> SyncRun.<SyncRun>find(
                        "tenantId = ?1 and id in (select r.id from SyncRun r where r.tenantId = ?1 and "
                                + "(r.state in ('queued', 'running') or r.createdAt = (select max(r2.createdAt) from SyncRun r2 "
                                + "where r2.providerId = r.providerId and r2.state not in ('queued', 'running'))))", tenantId).list()
                .chain(runs -> counts(BACKLOG, tenantId).chain(backlog -> counts(COUNTS, tenantId)
                        .chain(listings -> counts(COPIED, tenantId)
                                .chain(copied -> NativeSql.rows(ERRORS, tenantId).map(errors ->
                                        build(ps, runs, backlog, listings, copied, errors)))))));
    }

    private DashboardView build(List<Provider> ps, List<SyncRun> runs, Map<String, Long> backlog,
                                Map<String, Long> listings, Map<String, Long> copied, List<Object[]> errors) {
        Instant now = clock.now();
        Map<UUID, SyncRun> last = new HashMap<>();
        Map<UUID, SyncRun> running = new HashMap<>();
        for (SyncRun r : runs) {
            if ("queued".equals(r.state) || "running".equals(r.state)) {
                running.put(r.providerId, r);
            } else {
                last.put(r.providerId, r);
            }
        }
        Map<String, List<DashboardView.ErrorCount>> errorsBy = new HashMap<>();
        for (Object[] e : errors) {
            errorsBy.computeIfAbsent(NativeSql.text(e, 0), k -> new ArrayList<>()).add(new DashboardView.ErrorCount(
                    NativeSql.text(e, 1), NativeSql.number(e, 2), NativeSql.instant(e, 3), NativeSql.text(e, 4)));
        }
        List<DashboardView.ProviderStatus> out = new ArrayList<>();
        for (Provider p : ps) {
            String id = p.id.toString();
            SyncRun l = last.get(p.id);
            SyncRun r = running.get(p.id);
            out.add(new DashboardView.ProviderStatus(id, p.name, p.protocol, p.enabled, p.watermark,
                    p.watermark == null ? null : Duration.between(p.watermark, now).toSeconds(), p.nextRunAt,
                    p.lastReconciledAt, l == null ? null : SyncRunView.of(l, null), r == null ? null : SyncRunView.of(r, null),
                    backlog.getOrDefault(id, 0L), copied.getOrDefault(id, 0L), listings.getOrDefault(id, 0L),
                    clients.usage(p.id).orElse(null), errorsBy.getOrDefault(id, List.of())));
        }
        return new DashboardView(now, out);
    }

    private static Uni<Map<String, Long>> counts(String sql, String tenantId) {
        return NativeSql.rows(sql, tenantId).map(rows -> {
            Map<String, Long> m = new HashMap<>();
            rows.forEach(r -> m.put(NativeSql.text(r, 0), NativeSql.number(r, 1)));
            return m;
        });
    }
}
