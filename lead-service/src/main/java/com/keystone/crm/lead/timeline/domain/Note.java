package com.keystone.crm.lead.timeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A free-text note an agent wrote on a lead. Deleting one only marks it, so the timeline's note-added entry keeps its context. */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {
    public static final int MAX_BODY = 10_000;

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(name = "author_id", nullable = false)
    public String authorId;
    @Column(nullable = false)
    public String body;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Column(name = "deleted_by")
    public String deletedBy;
    @Version
    public long version;

    /** The version ETags carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
