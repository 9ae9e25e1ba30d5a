package com.keystone.crm.workflow.n8n.service;

/** What happened to one n8n node: mapped (to a step or the trigger), partly mapped, passed through, or not mapped. */
public record N8nImportReport(String node, String type, String outcome, String stepId, String note) {
    public static final String MAPPED = "mapped";
    public static final String PARTIAL = "partial";
    public static final String SKIPPED = "skipped";
    public static final String UNMAPPED = "unmapped";
}
