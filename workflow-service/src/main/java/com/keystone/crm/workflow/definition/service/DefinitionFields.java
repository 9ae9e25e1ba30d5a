package com.keystone.crm.workflow.definition.service;

/** Field names of a definition in problem answers: JSON paths relative to the document ({@code steps[2].next}). */
final class DefinitionFields {
    private DefinitionFields() {
    }

    static String field(String jsonPath) {
        if (jsonPath == null || jsonPath.equals("$")) {
            return "definition";
        }
        return jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath;
    }

    static String step(int index, String property) {
        return "steps[" + index + "]" + (property == null ? "" : "." + property);
    }
}
