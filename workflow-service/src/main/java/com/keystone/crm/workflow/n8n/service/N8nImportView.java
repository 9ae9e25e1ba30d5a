package com.keystone.crm.workflow.n8n.service;

import com.keystone.crm.workflow.definition.service.WorkflowView;

import java.util.List;

/** The imported draft and what became of each n8n node. */
public record N8nImportView(WorkflowView workflow, List<N8nImportReport> report) {
}
