package com.keystone.crm.workflow.definition.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.workflow.definition.domain.Workflow;

import java.time.Instant;
import java.util.UUID;

/** A workflow as the API shows it: the draft document, the newest published version and the ETag. */
public record WorkflowView(UUID id, String name, String status, Integer publishedVersion, String triggerType,
                           String templateKey, long revision, JsonNode draft, String createdBy, Instant createdAt,
                           Instant updatedAt) {
    public static WorkflowView of(Workflow w) {
        return new WorkflowView(w.id, w.name, w.status, w.publishedVersion, w.triggerType, w.templateKey, w.revision,
                DefinitionChecker.parse(w.draft), w.createdBy, w.createdAt, w.updatedAt);
    }

    public String etag() {
        return Long.toString(revision);
    }
}
