package com.keystone.crm.workflow.enrollment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One executed step of an enrollment, written in the step's transaction with its effect. The key (enrollment,
 * sequence number) makes a second execution of the same step impossible even if two workers raced.
 */
@Entity
@Table(name = "step_execution")
public class StepExecution extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "step_id", nullable = false)
    public String stepId;
    @Column(name = "step_type", nullable = false)
    public String stepType;
    @Column(nullable = false)
    public String outcome;
    public String detail;
    @Column(name = "request_id")
    public UUID requestId;
    @Column(name = "executed_at", nullable = false)
    public Instant executedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "enrollment_id")
        public UUID enrollmentId;
        @Column(name = "seq")
        public int seq;

        public Key() {
        }

        public Key(UUID enrollmentId, int seq) {
            this.enrollmentId = enrollmentId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.enrollmentId, enrollmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(enrollmentId, seq);
        }
    }
}
