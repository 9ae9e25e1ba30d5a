package com.keystone.crm.workflow.definition.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A published, frozen version of a workflow: never changed once written. */
@Entity
@Table(name = "workflow_version")
public class WorkflowVersion extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @ColumnTransformer(read = "cast(definition as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public String definition;
    @Column(name = "trigger_type", nullable = false)
    public String triggerType;
    @Column(name = "published_by", nullable = false)
    public String publishedBy;
    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "workflow_id")
        public UUID workflowId;
        @Column(name = "version")
        public int version;

        public Key() {
        }

        public Key(UUID workflowId, int version) {
            this.workflowId = workflowId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.workflowId, workflowId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(workflowId, version);
        }
    }
}
