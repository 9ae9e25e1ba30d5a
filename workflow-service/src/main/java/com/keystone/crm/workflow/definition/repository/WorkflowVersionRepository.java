package com.keystone.crm.workflow.definition.repository;

import com.keystone.crm.workflow.definition.domain.WorkflowVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class WorkflowVersionRepository implements PanacheRepositoryBase<WorkflowVersion, WorkflowVersion.Key> {
    public Uni<WorkflowVersion> find(UUID workflowId, int version) {
        return findById(new WorkflowVersion.Key(workflowId, version));
    }
}
