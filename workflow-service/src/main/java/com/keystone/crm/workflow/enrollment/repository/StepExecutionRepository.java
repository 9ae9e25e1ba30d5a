package com.keystone.crm.workflow.enrollment.repository;

import com.keystone.crm.workflow.enrollment.domain.StepExecution;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StepExecutionRepository implements PanacheRepositoryBase<StepExecution, StepExecution.Key> {
    public Uni<List<StepExecution>> history(UUID enrollmentId) {
        return list("key.enrollmentId = ?1 order by key.seq", enrollmentId);
    }
}
