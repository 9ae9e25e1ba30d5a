package com.keystone.crm.workflow.definition.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.StepType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Everything a definition must pass before it is saved: strict JSON (no duplicate keys, no trailing data, no control
 * characters), the JSON Schema, then what a schema cannot say: unique step ids, every {@code next} naming a step,
 * no cycle, CEL conditions that compile to a bool, a known time zone. A failure is a 422 problem listing every
 * error with its field ({@code steps[2].branches[0].when}); malformed JSON is a 400.
 */
@ApplicationScoped
public class DefinitionChecker {
    /** The shortest sweep period of a schedule trigger. */
    static final java.time.Duration MIN_SWEEP_PERIOD = java.time.Duration.ofHours(1);
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final DefinitionSchema schema;
    private final Conditions conditions;

    public DefinitionChecker(DefinitionSchema schema, Conditions conditions) {
        this.schema = schema;
        this.conditions = conditions;
    }

    /** A checked definition: the document as saved and its bound form. */
    public record Checked(JsonNode document, Definition definition) {
        public String json() {
            return document.toString();
        }
    }

    /** Parses a request body strictly and checks it. */
    public Checked check(String body) {
        return check(parse(body));
    }

    /** Checks a parsed document. */
    public Checked check(JsonNode document) {
        List<Problem.FieldError> errors = new ArrayList<>();
        controlCharacters(document, "$", errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        errors.addAll(schema.validate(document));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Definition definition;
        try {
            definition = BINDER.treeToValue(document, Definition.class);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new Problem.FieldError("definition", "does not bind: " + e.getOriginalMessage())));
        }
        semantics(definition, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Checked(document, definition);
    }

    /** Binds a document saved earlier (already checked). */
    public static Definition bind(String json) {
        try {
            return BINDER.readValue(json, Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition does not bind", e);
        }
    }

    /** A request body read strictly (duplicate keys, trailing data, non-objects are 400 problems). */
    public JsonNode parseStrict(String body) {
        return parse(body);
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.of("invalid-json", "Bad Request", 400, "The body is empty")
                    .withErrors(List.of(new Problem.FieldError("definition", "is required"))));
        }
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ProblemException(Problem.of("invalid-json", "Bad Request", 400, "The body is not a JSON object")
                        .withErrors(List.of(new Problem.FieldError("definition", "must be a JSON object"))));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of("invalid-json", "Bad Request", 400,
                    "The body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private void semantics(Definition d, List<Problem.FieldError> errors) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < d.steps().size(); i++) {
            Definition.Step step = d.steps().get(i);
            if (index.putIfAbsent(step.id(), i) != null) {
                errors.add(new Problem.FieldError(DefinitionFields.step(i, "id"), "repeats the id of steps[" + index.get(step.id()) + "]"));
            }
        }
        if (!index.containsKey(d.start())) {
            errors.add(new Problem.FieldError("start", "names no step: " + d.start()));
        }
        if (d.trigger().filter() != null) {
            conditions.check(d.trigger().filter()).ifPresent(e -> errors.add(new Problem.FieldError("trigger.filter", e)));
        }
        if (d.trigger().every() != null && d.trigger().period().compareTo(MIN_SWEEP_PERIOD) < 0) {
            // a sweep walks every lead of the tenant: more often than hourly would be a load, not a follow-up
            errors.add(new Problem.FieldError("trigger.every", "must be at least PT1H"));
        }
        if (d.timeZone() != null) {
            try {
                ZoneId.of(d.timeZone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("timeZone", "is not a known time zone"));
            }
        }
        for (int s = 0; s < d.steps().size(); s++) {
            int i = s;
            Definition.Step step = d.steps().get(i);
            for (Edge edge : edges(step, i)) {
                if (!index.containsKey(edge.target())) {
                    errors.add(new Problem.FieldError(edge.field(), "names no step: " + edge.target()));
                } else if (edge.target().equals(step.id())) {
                    errors.add(new Problem.FieldError(edge.field(), "names its own step (a cycle)"));
                }
            }
            if (StepType.BRANCH.equals(step.type())) {
                for (int b = 0; b < step.branches().size(); b++) {
                    int branch = b;
                    conditions.check(step.branches().get(b).when()).ifPresent(e -> errors.add(
                            new Problem.FieldError(DefinitionFields.step(i, "branches[" + branch + "].when"), e)));
                }
            }
            if (StepType.SPLIT.equals(step.type())) {
                long names = step.variants().stream().map(Definition.Variant::name).distinct().count();
                if (names != step.variants().size()) {
                    errors.add(new Problem.FieldError(DefinitionFields.step(i, "variants"), "variant names must be unique"));
                }
            }
        }
        if (errors.isEmpty()) {
            cycles(d, index, errors);
        }
    }

    /** A depth-first search over the step graph; the edge that closes a cycle is reported. */
    private static void cycles(Definition d, Map<String, Integer> index, List<Problem.FieldError> errors) {
        int[] state = new int[d.steps().size()]; // 0 new, 1 on the path, 2 done
        for (int i = 0; i < d.steps().size(); i++) {
            if (state[i] == 0 && visit(d, i, index, state, errors)) {
                return;
            }
        }
    }

    private static boolean visit(Definition d, int i, Map<String, Integer> index, int[] state, List<Problem.FieldError> errors) {
        state[i] = 1;
        for (Edge edge : edges(d.steps().get(i), i)) {
            int target = index.get(edge.target());
            if (state[target] == 1) {
                errors.add(new Problem.FieldError(edge.field(), "leads back to step " + edge.target() + " (a cycle)"));
                return true;
            }
            if (state[target] == 0 && visit(d, target, index, state, errors)) {
                return true;
            }
        }
        state[i] = 2;
        return false;
    }

    private record Edge(String field, String target) {
    }

    private static List<Edge> edges(Definition.Step step, int i) {
        List<Edge> edges = new ArrayList<>();
        if (step.next() != null) {
            edges.add(new Edge(DefinitionFields.step(i, "next"), step.next()));
        }
        if (step.timeoutNext() != null) {
            edges.add(new Edge(DefinitionFields.step(i, "timeoutNext"), step.timeoutNext()));
        }
        if (step.otherwise() != null) {
            edges.add(new Edge(DefinitionFields.step(i, "otherwise"), step.otherwise()));
        }
        if (step.branches() != null) {
            for (int b = 0; b < step.branches().size(); b++) {
                edges.add(new Edge(DefinitionFields.step(i, "branches[" + b + "].next"), step.branches().get(b).next()));
            }
        }
        if (step.variants() != null) {
            for (int v = 0; v < step.variants().size(); v++) {
                edges.add(new Edge(DefinitionFields.step(i, "variants[" + v + "].next"), step.variants().get(v).next()));
            }
        }
        return edges;
    }

    /** Escaped control characters pass the JSON parser; none but tab and line breaks belong in a definition. */
    private static void controlCharacters(JsonNode node, String path, List<Problem.FieldError> errors) {
        if (node.isTextual()) {
            if (node.textValue().chars().anyMatch(DefinitionChecker::forbidden)) {
                errors.add(new Problem.FieldError(DefinitionFields.field(path), "must not contain control characters"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (e.getKey().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    errors.add(new Problem.FieldError(DefinitionFields.field(path), "has a key with control characters"));
                    continue;
                }
                controlCharacters(e.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                controlCharacters(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean forbidden(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("invalid-definition", "Unprocessable Content", 422,
                "The workflow definition is not valid: " + errors.size() + " error(s)").withErrors(errors));
    }
}
