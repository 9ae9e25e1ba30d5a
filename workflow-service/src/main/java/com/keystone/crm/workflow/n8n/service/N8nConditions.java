package com.keystone.crm.workflow.n8n.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * n8n IF/Switch conditions as CEL. An n8n expression {@code {{$json.status}}} or {@code {{$json["status"]}}} names an
 * item field; the lead's own variables (status, source, tier, score, tags) map to ours, anything else to
 * {@code fields.<name>}. Values are written as CEL literals (strings quoted and escaped, numbers as doubles). What
 * cannot be translated answers empty, and the importer reports it.
 */
final class N8nConditions {
    private static final Pattern FIELD = Pattern.compile("^=?\\s*\\{\\{\\s*\\$json(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*])\\s*}}\\s*$");
    private static final List<String> OWN = List.of("status", "source", "tier", "score", "tags", "lastActivityType", "assignedAgentId");

    private N8nConditions() {
    }

    /** The CEL for an IF node's parameters (version 1 or 2), combined with its combinator. */
    static Optional<String> ifNode(JsonNode parameters) {
        JsonNode conditions = parameters.path("conditions");
        List<String> parts = new ArrayList<>();
        String combinator = " && ";
        if (conditions.path("conditions").isArray()) { // IF v2: {conditions: [{leftValue, rightValue, operator}], combinator}
            if ("or".equals(conditions.path("combinator").asText())) {
                combinator = " || ";
            }
            for (JsonNode c : conditions.path("conditions")) {
                Optional<String> cel = compare(c.path("leftValue").asText(), c.path("operator").path("operation").asText(),
                        c.path("rightValue"));
                if (cel.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(cel.get());
            }
        } else { // IF v1: {conditions: {string: [{value1, operation, value2}], number: [...], boolean: [...]}, combineOperation}
            if ("any".equals(parameters.path("combineOperation").asText())) {
                combinator = " || ";
            }
            for (String kind : List.of("string", "number", "boolean")) {
                for (JsonNode c : conditions.path(kind)) {
                    Optional<String> cel = compare(c.path("value1").asText(), c.path("operation").asText(), c.path("value2"));
                    if (cel.isEmpty()) {
                        return Optional.empty();
                    }
                    parts.add(cel.get());
                }
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts.size() == 1 ? parts.get(0) : "(" + String.join(")" + combinator + "(", parts) + ")");
    }

    /** One comparison of an item field with a value. */
    static Optional<String> compare(String left, String operation, JsonNode right) {
        Matcher m = FIELD.matcher(left == null ? "" : left);
        if (!m.matches()) {
            return Optional.empty();
        }
        String field = m.group(1) != null ? m.group(1) : m.group(2);
        String variable = OWN.contains(field) ? field : "fields." + field;
        String value = literal(right);
        if (value == null) {
            return Optional.empty();
        }
        return switch (operation) {
            case "equal", "equals" -> Optional.of(variable + " == " + value);
            case "notEqual", "notEquals" -> Optional.of(variable + " != " + value);
            case "larger", "gt" -> Optional.of(variable + " > " + value);
            case "largerEqual", "gte" -> Optional.of(variable + " >= " + value);
            case "smaller", "lt" -> Optional.of(variable + " < " + value);
            case "smallerEqual", "lte" -> Optional.of(variable + " <= " + value);
            case "contains" -> Optional.of(field.equals("tags") ? value + " in tags" : variable + ".contains(" + value + ")");
            case "notContains" -> Optional.of(field.equals("tags") ? "!(" + value + " in tags)" : "!" + variable + ".contains(" + value + ")");
            case "startsWith" -> Optional.of(variable + ".startsWith(" + value + ")");
            case "endsWith" -> Optional.of(variable + ".endsWith(" + value + ")");
            case "true" -> Optional.of(variable + " == true");
            case "false" -> Optional.of(variable + " == false");
            default -> Optional.empty();
        };
    }

    private static String literal(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "true";
        }
        if (v.isNumber()) {
            return Double.toString(v.asDouble());
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.asBoolean());
        }
        String s = v.asText();
        if (s.startsWith("=")) {
            return null; // an expression on the right: not translated
        }
        if (s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Double.toString(Double.parseDouble(s));
        }
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
