package com.keystone.crm.lead.task.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a user has to do by a due time, usually about a lead: made by hand in the app or from a
 * task.requested command of a workflow (then {@link #requestId} is set, at most one task per request).
 */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    /** The lead the task is about, or null. */
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(nullable = false)
    public String title;
    public String description;
    @Column(name = "task_type")
    public String taskType;
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskPriority priority;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;
    /** Null only for a requested task on a lead nobody is assigned to: admins see it. */
    @Column(name = "assignee_id")
    public String assigneeId;
    /** A user id, or the requester of a task.requested command (workflow:&lt;id&gt;). */
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "completed_by")
    public String completedBy;
    public String outcome;
    @Column(name = "request_id")
    public UUID requestId;
    @Version
    public long version;

    /** The aggregate version events and ETags carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }

    public boolean isOverdue(Instant now) {
        return status == TaskStatus.OPEN && dueAt.isBefore(now);
    }
}
