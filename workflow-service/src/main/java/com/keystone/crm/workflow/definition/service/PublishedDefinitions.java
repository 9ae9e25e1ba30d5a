package com.keystone.crm.workflow.definition.service;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.WorkflowVersion;
import com.keystone.crm.workflow.definition.repository.WorkflowVersionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The published versions, bound and cached: a version never changes once written, so a cached one is never stale.
 * Runs in the caller's session.
 */
@ApplicationScoped
public class PublishedDefinitions {
    private final WorkflowVersionRepository versions;
    private final Cache<WorkflowVersion.Key, Definition> cache = CacheBuilder.newBuilder().maximumSize(5_000).build();

    public PublishedDefinitions(WorkflowVersionRepository versions) {
        this.versions = versions;
    }

    /** The definition of a published version; fails when there is none (a programming error, never user input). */
    public Uni<Definition> get(UUID workflowId, int version) {
        WorkflowVersion.Key key = new WorkflowVersion.Key(workflowId, version);
        Definition cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return versions.find(workflowId, version).map(v -> {
            if (v == null) {
                throw new IllegalStateException("workflow " + workflowId + " has no version " + version);
            }
            Definition d = DefinitionChecker.bind(v.definition);
            cache.put(key, d);
            return d;
        });
    }
}
