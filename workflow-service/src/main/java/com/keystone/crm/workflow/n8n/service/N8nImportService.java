package com.keystone.crm.workflow.n8n.service;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.definition.service.DefinitionChecker;
import com.keystone.crm.workflow.definition.service.WorkflowService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /api/v1/workflows/import/n8n}: the export (read strictly) is translated ({@link N8nImporter}), the result
 * checked like any definition, and saved as a new draft; nothing is published.
 */
@ApplicationScoped
public class N8nImportService {
    private final N8nImporter importer;
    private final DefinitionChecker checker;
    private final WorkflowService workflows;

    public N8nImportService(N8nImporter importer, DefinitionChecker checker, WorkflowService workflows) {
        this.importer = importer;
        this.checker = checker;
        this.workflows = workflows;
    }

    public Uni<N8nImportView> importDraft(Caller caller, String body) {
        N8nImporter.Result result = importer.translate(checker.parseStrict(body));
        DefinitionChecker.Checked checked = checker.check(result.definition());
        return workflows.create(caller, checked).map(w -> new N8nImportView(w, result.report()));
    }
}
