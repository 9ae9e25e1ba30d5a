package com.keystone.crm.notification.consent.service;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The suppression list for admins: list, add, remove; every change audited (suppression_audit). */
@ApplicationScoped
public class SuppressionAdmin {
    public static final String IDEMPOTENCY_SCOPE = "suppression.create";
    static final String LIST = "suppressions:-createdAt";

    private final Suppressions suppressions;
    private final CursorCodec cursors;

    public SuppressionAdmin(Suppressions suppressions, CursorCodec cursors) {
        this.suppressions = suppressions;
        this.cursors = cursors;
    }

    public Keyset cursors() {
        return cursors.list(LIST);
    }

    @WithTransaction
    public Uni<View> add(Caller caller, String channel, String address, String purpose) {
        return suppressions.add(new Suppressions.Addition(caller.tenantId(), channel, address, purpose, "manual", null,
                null, null, caller.userId())).map(View::of);
    }

    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID id) {
        return Panache.getSession().chain(s -> s.find(Suppression.class, id)).chain(entry -> {
            if (entry == null || !entry.tenantId.equals(caller.tenantId())) {
                throw ProblemException.notFound("Suppression " + id);
            }
            return suppressions.remove(entry.tenantId, entry.channel, entry.address, entry.purpose, "manual", caller.userId())
                    .replaceWithVoid();
        });
    }

    @WithSession
    public Uni<Page<View>> list(Caller caller, String channel, String address, int limit, Cursor after) {
        StringBuilder hql = new StringBuilder("from Suppression where tenantId = :t");
        if (channel != null) {
            hql.append(" and channel = :c");
        }
        if (address != null) {
            hql.append(" and address = :a");
        }
        if (after != null) {
            hql.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
        }
        hql.append(" order by createdAt desc, id desc");
        return Panache.getSession().chain(s -> {
                    var q = s.createQuery(hql.toString(), Suppression.class).setParameter("t", caller.tenantId());
                    if (channel != null) {
                        q.setParameter("c", channel);
                    }
                    if (address != null) {
                        q.setParameter("a", Suppressions.normalise(channel == null ? "sms" : channel, address));
                    }
                    if (after != null) {
                        q.setParameter("at", after.instant(0)).setParameter("id", after.uuid());
                    }
                    return q.setMaxResults(limit + 1).getResultList();
                })
                .map(rows -> cursors().page(rows, limit, View::of, e -> Cursor.at(e.id, e.createdAt)));
    }

    /** A suppression entry as the API shows it. */
    public record View(UUID id, String channel, String address, String purpose, String source, String keyword,
                       UUID leadId, String createdBy, Instant createdAt) {
        static View of(Suppression s) {
            return new View(s.id, s.channel, s.address, s.purpose, s.source, s.keyword, s.leadId, s.createdBy, s.createdAt);
        }
    }
}
