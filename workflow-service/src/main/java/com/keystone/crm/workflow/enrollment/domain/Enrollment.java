package com.keystone.crm.workflow.enrollment.domain;

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
 * One lead's run through one version of a workflow. {@link #dueAt} is its durable timer: when the
 * {@link #currentStepId current step} runs next (now for a step that runs at once, the end of a wait, the timeout of
 * a waitFor). Changed only under a row lock ({@code FOR UPDATE}): by the timer worker that holds its lease, by the
 * intake (exits, a waitFor's event) and by the API; {@link #revision} counts the changes.
 */
@Entity
@Table(name = "enrollment")
public class Enrollment extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "workflow_id", nullable = false)
    public UUID workflowId;
    @Column(name = "workflow_version", nullable = false)
    public int workflowVersion;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(nullable = false)
    public String state;
    @Column(name = "current_step_id")
    public String currentStepId;
    @Column(name = "due_at")
    public Instant dueAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "waiting_for")
    public Map<String, Object> waitingFor;
    public String variant;
    public String reason;
    /** What the triggering event told (listingKey, matchReason, ...), passed to every send as template variables. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> context;
    @Column(name = "reply_handled_at")
    public Instant replyHandledAt;
    @Column(nullable = false)
    public long revision;
    @Column(name = "steps_done", nullable = false)
    public int stepsDone;
    @Column(name = "enrolled_by", nullable = false)
    public String enrolledBy;
    @Column(name = "enrolled_at", nullable = false)
    public Instant enrolledAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** The timer worker holding the lease (written only by the lease statements of {@code LeaseTable}). */
    @Column(name = "lease_owner", insertable = false, updatable = false)
    public String leaseOwner;

    public boolean isOpen() {
        return EnrollmentState.ACTIVE.equals(state) || EnrollmentState.PAUSED.equals(state);
    }
}
