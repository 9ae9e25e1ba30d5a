package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.delivery.domain.DeliveryAttempt;
import com.keystone.crm.notification.delivery.domain.Notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How the API shows deliveries. */
public final class NotificationViews {
    private NotificationViews() {
    }

    /** A delivery on a timeline. */
    public record Summary(UUID id, UUID requestId, String channel, String category, String to, String status,
                          String holdReason, String failureReason, String errorCode, String provider,
                          String templateKey, Integer templateVersion, UUID leadId, int attempts, Instant dueAt,
                          Instant createdAt, Instant updatedAt) {
        public static Summary of(Notification n) {
            return new Summary(n.id, n.requestId, n.channel, n.category, n.address, n.status, n.holdReason,
                    n.failureReason, n.errorCode, n.provider, n.templateKey, n.templateVersion, n.leadId, n.attempts,
                    n.dueAt, n.createdAt, n.updatedAt);
        }
    }

    /** A delivery with what was sent and every attempt. */
    public record Detail(UUID id, UUID requestId, String channel, String category, String to, String status,
                         String holdReason, String failureReason, String errorCode, String errorMessage,
                         String provider, String providerMessageId, String templateKey, Integer templateVersion,
                         String subject, String body, UUID leadId, String userId, String workflowId,
                         UUID enrollmentId, String stepId, String requestedBy, Instant notBefore, Instant dueAt,
                         Instant createdAt, Instant updatedAt, List<Attempt> attempts) {
        public static Detail of(Notification n, List<DeliveryAttempt> attempts) {
            return new Detail(n.id, n.requestId, n.channel, n.category, n.address, n.status, n.holdReason,
                    n.failureReason, n.errorCode, n.errorMessage, n.provider, n.providerMessageId, n.templateKey,
                    n.templateVersion, n.subject, n.body, n.leadId, n.userId, n.workflowId, n.enrollmentId, n.stepId,
                    n.requestedBy, n.notBefore, n.dueAt, n.createdAt, n.updatedAt,
                    attempts.stream().map(Attempt::of).toList());
        }
    }

    /** One provider call. */
    public record Attempt(int attempt, String provider, String outcome, String providerMessageId, String errorCode,
                          String errorMessage, Instant startedAt, Instant finishedAt) {
        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.attemptNo, a.provider, a.outcome, a.providerMessageId, a.errorCode, a.errorMessage,
                    a.startedAt, a.finishedAt);
        }
    }
}
