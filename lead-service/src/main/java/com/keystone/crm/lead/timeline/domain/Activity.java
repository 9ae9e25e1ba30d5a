package com.keystone.crm.lead.timeline.domain;

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

/** One entry of a lead's timeline, from this service's own actions or from a consumed event. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {
    public static final String SCORE_CHANGE = "score-change";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(nullable = false)
    public String kind;
    public String summary;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    /** The consumed event this entry came from, if any. */
    @Column(name = "event_id")
    public UUID eventId;
    /** The user or service that recorded it. */
    @Column(name = "actor_id")
    public String actorId;
    public String channel;
    /** The activity's extra fields as published (listing, saved search, message, ...). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;
}
