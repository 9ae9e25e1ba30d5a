package com.keystone.crm.notification.delivery.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One call to a provider, written before the call (outcome {@link #PENDING}) and completed after it. A pending
 * attempt found on a later claim means the process died during the call: it is reconciled with the provider first.
 */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String PROVIDER_FAULT = "provider-fault";
    public static final String RECIPIENT_FAULT = "recipient-fault";
    /** A pending attempt the provider has no trace of (reconciled): nothing was sent. */
    public static final String NOT_SENT = "not-sent";
    /** The outcome was never learned (see provider.UnknownOutcome): resent under the same id, or given up. */
    public static final String UNKNOWN = "unknown";
    /** Not tried: the provider's send rate was used up (the message waits for it). */
    public static final String RATE_LIMITED = "rate-limited";

    @Id
    public UUID id;
    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;
    @Column(name = "attempt_no", nullable = false)
    public int attemptNo;
    @Column(nullable = false)
    public String provider;
    @Column(nullable = false)
    public String outcome;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The device a push attempt went to; null for email and SMS. */
    @Column(name = "device_id")
    public UUID deviceId;
}
