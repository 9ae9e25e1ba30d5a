package com.keystone.crm.workflow.definition.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's workflow: an editable draft and, once published, the number of its newest frozen version
 * ({@link WorkflowVersion}). {@link #revision} is the ETag: every draft edit and every publish raises it, and
 * both require the client's If-Match.
 */
@Entity
@Table(name = "workflow")
public class Workflow extends PanacheEntityBase {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String name;
    /** The draft document as JSON text (jsonb in the table, bound through text). */
    @ColumnTransformer(read = "cast(draft as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public String draft;
    @Column(nullable = false)
    public long revision;
    @Column(name = "published_version")
    public Integer publishedVersion;
    @Column(name = "trigger_type")
    public String triggerType;
    @Column(nullable = false)
    public String status;
    @Column(name = "template_key")
    public String templateKey;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
