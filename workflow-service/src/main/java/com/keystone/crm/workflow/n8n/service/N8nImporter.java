package com.keystone.crm.workflow.n8n.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.workflow.definition.service.Conditions;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates an n8n workflow export ({@code nodes} with {@code type}, {@code typeVersion}, {@code parameters};
 * {@code connections} keyed by node name, {@code main} outputs as lists of {@code {node, type, index}}) into a
 * definition document, with a report per node. Mapped: Webhook and Manual triggers (manual enrollment), Schedule/Cron
 * triggers (manual, reported: a schedule trigger also needs a segment filter n8n does not have), Wait (time interval), IF and Switch (CEL
 * branches), Set (status/tags as an update step), Send Email and Gmail (email send), Twilio (SMS send); NoOp and HTTP
 * Request pass through (reported); anything else passes through as unmapped. n8n's parallel fan-out keeps the first
 * target (reported).
 */
@ApplicationScoped
public class N8nImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "n8n-nodes-base.";

    private final Conditions conditions;

    public N8nImporter(Conditions conditions) {
        this.conditions = conditions;
    }

    /** The draft document and the report. */
    public record Result(ObjectNode definition, List<N8nImportReport> report) {
    }

    private record Node(String name, String type, int typeVersion, JsonNode parameters) {
        String shortType() {
            return type.startsWith(BASE) ? type.substring(BASE.length()) : type;
        }
    }

    public Result translate(JsonNode export) {
        if (export == null || !export.path("nodes").isArray() || export.path("nodes").isEmpty()) {
            throw invalid("nodes", "an n8n export has a non-empty nodes array");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode n : export.path("nodes")) {
            String name = n.path("name").asText(null);
            String type = n.path("type").asText(null);
            if (name == null || type == null) {
                throw invalid("nodes", "every node has a name and a type");
            }
            nodes.put(name, new Node(name, type, n.path("typeVersion").asInt(1), n.path("parameters")));
        }
        Map<String, List<List<String>>> outputs = outputs(export.path("connections"), nodes.keySet());
        List<N8nImportReport> report = new ArrayList<>();
        Map<String, String> stepIds = stepIds(nodes.keySet());

        Node trigger = nodes.values().stream().filter(N8nImporter::isTrigger).findFirst()
                .orElseThrow(() -> invalid("nodes", "the export has no Webhook, Manual, Schedule or Cron trigger node"));
        ObjectNode definition = JSON.createObjectNode();
        definition.put("name", export.path("name").asText("Imported from n8n").isBlank() ? "Imported from n8n"
                : truncate(export.path("name").asText(), 200));
        definition.putObject("trigger").put("type", "manual");
        report.add(triggerReport(trigger));

        ArrayNode steps = JSON.createArrayNode();
        Set<String> emitted = new HashSet<>();
        Map<String, String> resolved = new HashMap<>();
        String start = resolve(first(outputs, trigger.name(), 0, report, trigger), nodes, outputs, report, resolved, stepIds, new HashSet<>());
        for (Node node : nodes.values()) {
            if (node == trigger || !isStep(node) || emitted.contains(node.name())) {
                continue;
            }
            emitted.add(node.name());
            ObjectNode step = step(node, stepIds.get(node.name()), outputs, nodes, report, resolved, stepIds);
            if (step != null) {
                steps.add(step);
            }
        }
        for (Node node : nodes.values()) {
            if (node != trigger && isTrigger(node)) {
                report.add(new N8nImportReport(node.name(), node.type(), N8nImportReport.UNMAPPED, null,
                        "only one trigger per workflow; this one is ignored"));
            }
        }
        if (start == null || steps.isEmpty()) {
            throw new ProblemException(Problem.of("n8n-nothing-to-import", "Unprocessable Content", 422,
                    "No node after the trigger maps to a step").withErrors(report.stream()
                    .map(r -> new Problem.FieldError("nodes." + r.node(), r.outcome() + (r.note() == null ? "" : ": " + r.note())))
                    .toList()));
        }
        definition.put("start", start);
        definition.set("steps", steps);
        return new Result(definition, report);
    }

    private ObjectNode step(Node node, String id, Map<String, List<List<String>>> outputs, Map<String, Node> nodes,
                            List<N8nImportReport> report, Map<String, String> resolved, Map<String, String> stepIds) {
        ObjectNode step = JSON.createObjectNode();
        step.put("id", id);
        JsonNode p = node.parameters();
        String note = null;
        String outcome = N8nImportReport.MAPPED;
        switch (node.shortType()) {
            case "wait" -> {
                step.put("type", "wait");
                Optional<String> duration = duration(p);
                if (duration.isPresent()) {
                    step.put("duration", duration.get());
                } else {
                    step.put("duration", "P1D");
                    outcome = N8nImportReport.PARTIAL;
                    note = "resume mode '" + p.path("resume").asText("timeInterval") + "' is not supported; waits one day";
                }
                next(step, "next", first(outputs, node.name(), 0, report, node), nodes, outputs, report, resolved, stepIds);
            }
            case "if" -> {
                step.put("type", "branch");
                Optional<String> cel = N8nConditions.ifNode(p).filter(c -> conditions.check(c).isEmpty());
                String whenTrue = resolve(first(outputs, node.name(), 0, report, node), nodes, outputs, report, resolved, stepIds, new HashSet<>());
                String whenFalse = resolve(first(outputs, node.name(), 1, report, node), nodes, outputs, report, resolved, stepIds, new HashSet<>());
                ArrayNode branches = step.putArray("branches");
                if (cel.isPresent() && whenTrue != null) {
                    branches.addObject().put("when", cel.get()).put("next", whenTrue);
                } else {
                    branches.addObject().put("when", "false").put("next", whenTrue != null ? whenTrue : whenFalse != null ? whenFalse : id);
                    outcome = N8nImportReport.PARTIAL;
                    note = "the condition could not be translated; the false branch is always taken";
                }
                if (whenFalse != null) {
                    step.put("otherwise", whenFalse);
                }
                if (branches.get(0).path("next").asText().equals(id)) {
                    return unmapped(node, report, "an IF without targets");
                }
            }
            case "switch" -> {
                step.put("type", "branch");
                ArrayNode branches = step.putArray("branches");
                List<JsonNode> rules = switchRules(p);
                int output = 0;
                int translated = 0;
                for (JsonNode rule : rules) {
                    String target = resolve(first(outputs, node.name(), output, report, node), nodes, outputs, report, resolved, stepIds, new HashSet<>());
                    Optional<String> cel = switchRule(p, rule).filter(c -> conditions.check(c).isEmpty());
                    if (target != null && cel.isPresent()) {
                        branches.addObject().put("when", cel.get()).put("next", target);
                        translated++;
                    }
                    output++;
                }
                String fallback = resolve(first(outputs, node.name(), output, report, node), nodes, outputs, report, resolved, stepIds, new HashSet<>());
                if (fallback != null) {
                    step.put("otherwise", fallback);
                }
                if (branches.isEmpty()) {
                    return unmapped(node, report, "no rule of the Switch could be translated");
                }
                if (translated < rules.size()) {
                    outcome = N8nImportReport.PARTIAL;
                    note = (rules.size() - translated) + " of " + rules.size() + " rules could not be translated";
                }
            }
            case "set" -> {
                Optional<String> status = setValue(p, "status");
                Optional<String> tag = setValue(p, "tag").or(() -> setValue(p, "tags"));
                if (status.isEmpty() && tag.isEmpty()) {
                    return skipped(node, report, "Set of fields other than status or tags has no step; passed through",
                            N8nImportReport.UNMAPPED);
                }
                step.put("type", "update");
                status.filter(s -> s.matches("new|attempted-contact|contacted|appointment-set|active-client|under-contract|closed-won|lost|archived"))
                        .ifPresent(s -> step.put("status", s));
                tag.ifPresent(t -> step.putArray("addTags").add(truncate(t, 64)));
                if (!step.has("status") && !step.has("addTags")) {
                    return skipped(node, report, "the status value is not a lead status; passed through", N8nImportReport.UNMAPPED);
                }
                next(step, "next", first(outputs, node.name(), 0, report, node), nodes, outputs, report, resolved, stepIds);
            }
            case "emailSend", "gmail" -> {
                step.put("type", "send").put("channel", "email").put("to", "lead").put("templateKey", templateKey(id));
                ObjectNode vars = step.putObject("variables");
                text(p, "subject").ifPresent(s -> vars.put("subject", truncate(s, 2000)));
                text(p, "text").or(() -> text(p, "message")).or(() -> text(p, "html")).ifPresent(s -> vars.put("body", truncate(s, 2000)));
                note = "the message text is passed as template variables of template " + templateKey(id);
                next(step, "next", first(outputs, node.name(), 0, report, node), nodes, outputs, report, resolved, stepIds);
            }
            case "twilio" -> {
                step.put("type", "send").put("channel", "sms").put("to", "lead").put("templateKey", templateKey(id));
                text(p, "message").ifPresent(s -> step.putObject("variables").put("body", truncate(s, 2000)));
                note = "the lead's phone replaces the node's 'to'; the text is a template variable";
                next(step, "next", first(outputs, node.name(), 0, report, node), nodes, outputs, report, resolved, stepIds);
            }
            default -> {
                return null;
            }
        }
        report.add(new N8nImportReport(node.name(), node.type(), outcome, id, note));
        return step;
    }

    /** Follows pass-through nodes to the first node that becomes a step; null at the end of the chain. */
    private String resolve(String name, Map<String, Node> nodes, Map<String, List<List<String>>> outputs,
                           List<N8nImportReport> report, Map<String, String> resolved, Map<String, String> stepIds,
                           Set<String> seen) {
        if (name == null || !nodes.containsKey(name) || !seen.add(name)) {
            return null;
        }
        Node node = nodes.get(name);
        if (isStep(node)) {
            return stepIds.get(name);
        }
        if (!resolved.containsKey(name)) {
            resolved.put(name, "");
            switch (node.shortType()) {
                case "noOp" -> report.add(new N8nImportReport(name, node.type(), N8nImportReport.SKIPPED, null, "does nothing; passed through"));
                case "httpRequest" -> report.add(new N8nImportReport(name, node.type(), N8nImportReport.UNMAPPED, null,
                        "outbound HTTP calls are not workflow steps; passed through (call it from an integration instead)"));
                default -> report.add(new N8nImportReport(name, node.type(), N8nImportReport.UNMAPPED, null,
                        "no equivalent step; passed through"));
            }
        }
        return resolve(first(outputs, name, 0, report, node), nodes, outputs, report, resolved, stepIds, seen);
    }

    private void next(ObjectNode step, String field, String target, Map<String, Node> nodes,
                      Map<String, List<List<String>>> outputs, List<N8nImportReport> report, Map<String, String> resolved,
                      Map<String, String> stepIds) {
        String id = resolve(target, nodes, outputs, report, resolved, stepIds, new HashSet<>());
        if (id != null) {
            step.put(field, id);
        }
    }

    private ObjectNode unmapped(Node node, List<N8nImportReport> report, String note) {
        report.add(new N8nImportReport(node.name(), node.type(), N8nImportReport.UNMAPPED, null, note));
        return null;
    }

    private ObjectNode skipped(Node node, List<N8nImportReport> report, String note, String outcome) {
        report.add(new N8nImportReport(node.name(), node.type(), outcome, null, note));
        return null;
    }

    /** The first target of a node's output; further targets (n8n runs them in parallel) are reported and dropped. */
    private static String first(Map<String, List<List<String>>> outputs, String node, int output, List<N8nImportReport> report, Node from) {
        List<List<String>> out = outputs.getOrDefault(node, List.of());
        if (output >= out.size() || out.get(output).isEmpty()) {
            return null;
        }
        List<String> targets = out.get(output);
        if (targets.size() > 1) {
            report.add(new N8nImportReport(from.name(), from.type(), N8nImportReport.PARTIAL, null,
                    "output " + output + " fans out to " + targets + "; only " + targets.get(0) + " is followed"));
        }
        return targets.get(0);
    }

    private static Map<String, List<List<String>>> outputs(JsonNode connections, Set<String> names) {
        Map<String, List<List<String>>> out = new HashMap<>();
        connections.fields().forEachRemaining(e -> {
            List<List<String>> lists = new ArrayList<>();
            for (JsonNode output : e.getValue().path("main")) {
                List<String> targets = new ArrayList<>();
                for (JsonNode t : output) {
                    String target = t.path("node").asText(null);
                    if (target != null && names.contains(target)) {
                        targets.add(target);
                    }
                }
                lists.add(targets);
            }
            out.put(e.getKey(), lists);
        });
        return out;
    }

    /** Step ids from node names: slugs, made unique. */
    private static Map<String, String> stepIds(Set<String> names) {
        Map<String, String> ids = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (String name : names) {
            String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
            if (slug.isEmpty()) {
                slug = "step";
            }
            slug = slug.length() > 56 ? slug.substring(0, 56) : slug;
            String id = slug;
            for (int i = 2; !used.add(id); i++) {
                id = slug + "-" + i;
            }
            ids.put(name, id);
        }
        return ids;
    }

    private static boolean isTrigger(Node n) {
        return switch (n.shortType()) {
            case "webhook", "manualTrigger", "scheduleTrigger", "cron", "start" -> true;
            default -> false;
        };
    }

    private static boolean isStep(Node n) {
        return switch (n.shortType()) {
            case "wait", "if", "switch", "emailSend", "gmail", "twilio" -> true;
            case "set" -> setValue(n.parameters(), "status").isPresent() || setValue(n.parameters(), "tag").isPresent()
                    || setValue(n.parameters(), "tags").isPresent();
            default -> false;
        };
    }

    private static N8nImportReport triggerReport(Node trigger) {
        return switch (trigger.shortType()) {
            case "scheduleTrigger", "cron" -> new N8nImportReport(trigger.name(), trigger.type(), N8nImportReport.PARTIAL, null,
                    "imported as manual: a recurring sweep needs a segment filter, so set trigger {\"type\": \"schedule\", \"every\", \"filter\"} by hand");
            default -> new N8nImportReport(trigger.name(), trigger.type(), N8nImportReport.MAPPED, null,
                    "manual trigger: enroll leads through POST /api/v1/workflows/{id}/enrollments");
        };
    }

    /** Wait v1: {resume: timeInterval, amount, unit}; the amount may be a fraction. */
    static Optional<String> duration(JsonNode p) {
        String resume = p.path("resume").asText("timeInterval");
        if (!"timeInterval".equals(resume) || !p.path("amount").isNumber() && !p.path("amount").isTextual()) {
            return Optional.empty();
        }
        double amount;
        try {
            amount = p.path("amount").isNumber() ? p.path("amount").asDouble() : Double.parseDouble(p.path("amount").asText());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long seconds = switch (p.path("unit").asText("hours")) {
            case "seconds" -> Math.round(amount);
            case "minutes" -> Math.round(amount * 60);
            case "hours" -> Math.round(amount * 3600);
            case "days" -> Math.round(amount * 86400);
            default -> -1;
        };
        if (seconds <= 0 || seconds > 9_999_999L) {
            return Optional.empty();
        }
        return Optional.of("PT" + seconds + "S");
    }

    private static List<JsonNode> switchRules(JsonNode p) {
        List<JsonNode> rules = new ArrayList<>();
        p.path("rules").path("values").forEach(rules::add); // Switch v3
        p.path("rules").path("rules").forEach(rules::add);  // Switch v1/v2
        return rules;
    }

    private static Optional<String> switchRule(JsonNode p, JsonNode rule) {
        if (rule.has("conditions")) { // v3: each rule is an IF v2 condition set
            return N8nConditions.ifNode(rule);
        }
        String value1 = p.path("value1").asText(p.path("dataPropertyName").isTextual()
                ? "={{$json." + p.path("dataPropertyName").asText() + "}}" : "");
        return N8nConditions.compare(value1, rule.path("operation").asText("equal"), rule.path("value2"));
    }

    /** A value a Set node assigns: v1 values.string[{name, value}], v3 assignments.assignments[{name, value}]. */
    static Optional<String> setValue(JsonNode p, String name) {
        for (JsonNode v : p.path("values").path("string")) {
            if (name.equals(v.path("name").asText())) {
                return Optional.of(v.path("value").asText());
            }
        }
        for (JsonNode v : p.path("assignments").path("assignments")) {
            if (name.equals(v.path("name").asText())) {
                return Optional.of(v.path("value").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode p, String field) {
        return p.path(field).isTextual() && !p.path(field).asText().isBlank() ? Optional.of(p.path(field).asText()) : Optional.empty();
    }

    private static String templateKey(String stepId) {
        return "n8n." + stepId;
    }

    private static String truncate(String s, int max) {
        String clean = s.replaceAll("[\\p{Cntrl}&&[^\\n\\t\\r]]", "");
        return clean.length() > max ? clean.substring(0, max) : clean;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("invalid-n8n-export", "Unprocessable Content", 422,
                "This is not an n8n workflow export this service can read").withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
