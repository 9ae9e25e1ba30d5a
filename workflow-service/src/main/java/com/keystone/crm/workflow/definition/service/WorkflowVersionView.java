package com.keystone.crm.workflow.definition.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.workflow.definition.domain.WorkflowVersion;

import java.time.Instant;
import java.util.UUID;

/** A published (frozen) version of a workflow. */
public record WorkflowVersionView(UUID workflowId, int version, String triggerType, JsonNode definition,
                                  String publishedBy, Instant publishedAt) {
    static WorkflowVersionView of(WorkflowVersion v) {
        return new WorkflowVersionView(v.key.workflowId, v.key.version, v.triggerType,
                DefinitionChecker.parse(v.definition), v.publishedBy, v.publishedAt);
    }
}
