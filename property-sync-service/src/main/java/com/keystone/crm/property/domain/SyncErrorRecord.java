package com.keystone.crm.property.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A failure recorded for ops: code = RETS reply code, HTTP status or a kind; the server's raw message. */
@Entity
@Table(name = "sync_error")
public class SyncErrorRecord extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "provider_id")
    public UUID providerId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String phase;
    public String code;
    public String kind;
    @Column(name = "listing_key")
    public String listingKey;
    @Column(name = "server_message")
    public String serverMessage;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
