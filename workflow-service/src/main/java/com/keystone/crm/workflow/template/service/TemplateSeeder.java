package com.keystone.crm.workflow.template.service;

import com.keystone.crm.workflow.config.WorkflowConfig;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.repository.WorkflowRepository;
import com.keystone.crm.workflow.definition.service.DefinitionChecker;
import com.keystone.crm.workflow.definition.service.WorkflowService;
import com.keystone.crm.workflow.definition.service.WorkflowView;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three ready workflows every tenant gets (speed-to-lead, re-engagement after 30 days of silence, listing
 * alerts), from {@code templates/*.json}: published, but paused until an admin resumes them, so no tenant is
 * messaged by surprise. Seeded once per tenant, when its first lead arrives (or through the API); the unique
 * (tenant, template key) index keeps a race between replicas from seeding twice.
 */
@ApplicationScoped
public class TemplateSeeder {
    public static final List<String> TEMPLATES = List.of("speed-to-lead", "re-engagement", "listing-alerts");

    private final WorkflowRepository workflows;
    private final WorkflowService service;
    private final DefinitionChecker checker;
    private final WorkflowConfig config;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    public TemplateSeeder(WorkflowRepository workflows, WorkflowService service, DefinitionChecker checker,
                          WorkflowConfig config) {
        this.workflows = workflows;
        this.service = service;
        this.checker = checker;
        this.config = config;
    }

    /** Seeds the templates a tenant lacks, in the caller's transaction; cheap after the first call per tenant. */
    public Uni<Void> seedOnce(String tenantId) {
        if (!config.seedTemplates() || seeded.contains(tenantId)) {
            return Uni.createFrom().voidItem();
        }
        return seedMissing(tenantId).invoke(() -> seeded.add(tenantId));
    }

    /** Seeds what the tenant lacks, in a transaction of its own, and answers the tenant's template workflows. */
    @WithTransaction
    public Uni<List<WorkflowView>> seed(String tenantId) {
        return seedMissing(tenantId).chain(() -> workflows.list("tenantId = ?1 and templateKey is not null order by templateKey", tenantId))
                .map(list -> list.stream().map(WorkflowView::of).toList())
                .invoke(() -> seeded.add(tenantId));
    }

    private Uni<Void> seedMissing(String tenantId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : TEMPLATES) {
            chain = chain.chain(() -> workflows.findTemplate(tenantId, key).chain(existing -> existing != null
                    ? Uni.createFrom().voidItem()
                    : seed(tenantId, key)));
        }
        return chain;
    }

    private Uni<Void> seed(String tenantId, String key) {
        DefinitionChecker.Checked checked = checker.check(read(key));
        return service.insert(tenantId, "system", checked, key).chain(w -> {
            w.status = Workflow.PAUSED;
            return service.publish(w, "system");
        }).replaceWithVoid();
    }

    static String read(String key) {
        try (InputStream in = TemplateSeeder.class.getClassLoader().getResourceAsStream("templates/" + key + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no template " + key);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
