package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.delivery.domain.DeliveryAttempt;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Direct sends and the delivery log. Admins and team leads see the tenant's deliveries; an agent sees the ones
 * they requested or that are addressed to them (this service keeps no copy of lead assignments yet).
 */
@ApplicationScoped
public class NotificationService {
    public static final String IDEMPOTENCY_SCOPE = "notification.send";
    static final String LIST = "notifications:-createdAt";

    private final NotificationIntake intake;
    private final DeliveryWorker worker;
    private final CursorCodec cursors;
    private final com.keystone.crm.notification.provider.ProviderRegistry providers;

    public NotificationService(NotificationIntake intake, DeliveryWorker worker, CursorCodec cursors,
                               com.keystone.crm.notification.provider.ProviderRegistry providers) {
        this.providers = providers;
        this.intake = intake;
        this.worker = worker;
        this.cursors = cursors;
    }

    public java.util.List<com.keystone.crm.notification.provider.ProviderRegistry.Health> providerHealth() {
        return providers.health();
    }

    public Keyset cursors() {
        return cursors.list(LIST);
    }

    /**
     * Whether the caller may send this: a push goes to a person's own phone, so an agent pushes only to their own
     * devices (reminders); team leads and admins to anyone's in the tenant. 403 otherwise.
     */
    public void authorize(Caller caller, SendCommand command) {
        if ("push".equals(command.channel()) && !privileged(caller) && !caller.userId().equals(command.userId())) {
            throw ProblemException.forbidden("push-not-allowed", "an agent may send a push only to their own devices");
        }
    }

    /** Queues a send; a repeated request id answers the delivery the first one made. */
    public Uni<NotificationViews.Summary> send(SendCommand command) {
        return Panache.withTransaction(() -> intake.accept(command))
                .invoke(() -> worker.wake())
                .map(accepted -> NotificationViews.Summary.of(accepted.notification()));
    }

    @WithSession
    public Uni<NotificationViews.Detail> get(Caller caller, UUID id) {
        return Panache.getSession().chain(s -> s.find(Notification.class, id)).chain(n -> {
            if (n == null || !visible(caller, n)) {
                throw ProblemException.notFound("Notification " + id);
            }
            return Panache.getSession().chain(s -> s.createQuery("from DeliveryAttempt where notificationId = :n order by attemptNo",
                            DeliveryAttempt.class).setParameter("n", id).getResultList())
                    .map(attempts -> NotificationViews.Detail.of(n, attempts));
        });
    }

    /** Newest first; for one lead when {@code leadId} is given. */
    @WithSession
    public Uni<Page<NotificationViews.Summary>> list(Caller caller, UUID leadId, String status, int limit, Cursor after) {
        StringBuilder hql = new StringBuilder("from Notification where tenantId = :t");
        if (leadId != null) {
            hql.append(" and leadId = :lead");
        }
        if (status != null) {
            hql.append(" and status = :status");
        }
        if (!privileged(caller)) {
            hql.append(" and (requestedBy = :me or userId = :me)");
        }
        if (after != null) {
            hql.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
        }
        hql.append(" order by createdAt desc, id desc");
        return Panache.getSession().chain(s -> {
                    var q = s.createQuery(hql.toString(), Notification.class).setParameter("t", caller.tenantId());
                    if (leadId != null) {
                        q.setParameter("lead", leadId);
                    }
                    if (status != null) {
                        q.setParameter("status", status);
                    }
                    if (!privileged(caller)) {
                        q.setParameter("me", caller.userId());
                    }
                    if (after != null) {
                        q.setParameter("at", after.instant(0)).setParameter("id", after.uuid());
                    }
                    return q.setMaxResults(limit + 1).getResultList();
                })
                .map(rows -> cursors().page(rows, limit, NotificationViews.Summary::of, n -> Cursor.at(n.id, n.createdAt)));
    }

    private static boolean privileged(Caller caller) {
        return caller.isAdmin() || caller.isTeamLead();
    }

    private static boolean visible(Caller caller, Notification n) {
        return n.tenantId.equals(caller.tenantId())
                && (privileged(caller) || caller.userId().equals(n.requestedBy) || caller.userId().equals(n.userId));
    }
}
