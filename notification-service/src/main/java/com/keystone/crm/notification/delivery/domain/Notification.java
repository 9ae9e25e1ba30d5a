package com.keystone.crm.notification.delivery.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One requested message (one per tenant and request id) and its place in the delivery queue: the worker claims it
 * when {@code dueAt} has come, and the status tells where it stands.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    public static final String QUEUED = "queued";
    /** Waiting for the recipient's sending window (quiet hours) or for a provider (rate limit, outage). */
    public static final String HELD = "held";
    /** An attempt was started: its outcome is known only once the attempt row is completed. */
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "request_id", nullable = false)
    public UUID requestId;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String category;
    @Column(name = "recipient_kind", nullable = false)
    public String recipientKind;
    public String address;
    @Column(name = "recipient_name")
    public String recipientName;
    @Column(name = "recipient_timezone")
    public String recipientTimezone;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "workflow_id")
    public String workflowId;
    @Column(name = "enrollment_id")
    public UUID enrollmentId;
    @Column(name = "step_id")
    public String stepId;
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;
    @Column(name = "template_key")
    public String templateKey;
    @Column(name = "template_version")
    public Integer templateVersion;
    public String locale;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> variables;
    /** A push's typed data ({@code PushData}): its type (lead-assigned) and the lead's assignment method. */
    @Column(name = "push_type")
    public String pushType;
    @Column(name = "push_method")
    public String pushMethod;
    public String subject;
    public String body;
    @Column(name = "html_body")
    public String htmlBody;
    public String sender;
    @Column(nullable = false)
    public String status;
    @Column(name = "hold_reason")
    public String holdReason;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    public String provider;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "not_before")
    public Instant notBefore;
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    /** The version the next notification.* event of this delivery carries (bumped on every event). */
    @Column(name = "event_version", nullable = false)
    public int eventVersion;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isFinished() {
        return SENT.equals(status) || DELIVERED.equals(status) || FAILED.equals(status);
    }

    public boolean isMarketing() {
        return "marketing".equals(category);
    }

    public int nextEventVersion() {
        eventVersion++;
        return eventVersion;
    }
}
