package com.keystone.crm.notification.consent.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An address that must not get messages of a purpose on a channel: {@code marketing} (an SMS STOP, an unsubscribe
 * link) blocks marketing only; {@code all} (a hard bounce, a spam complaint, an admin's entry) blocks everything.
 */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntityBase {
    public static final String MARKETING = "marketing";
    public static final String ALL = "all";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String address;
    @Column(nullable = false)
    public String purpose;
    @Column(nullable = false)
    public String source;
    public String keyword;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(nullable = false)
    public int version;
}
