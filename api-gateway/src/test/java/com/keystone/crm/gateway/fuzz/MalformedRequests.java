package com.keystone.crm.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bounded set of malformed requests for one operation of an OpenAPI document: wrong types, missing fields, huge
 * strings, control characters, invalid UUIDs and cursors, dates and numbers out of range, wrong content types,
 * empty/truncated multipart bodies, oversized bodies, duplicate keys and trailing garbage; and a bad token. Every one
 * must be refused with a 4xx problem (or, for the few an operation legitimately accepts, succeed), never a 5xx.
 */
public final class MalformedRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Over every service's 1 MB body limit (and the test gateway's 64 KB). */
    static final int OVERSIZED_BYTES = 1_100_000;
    static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

    /** One request: what it tries, and what is sent. Path and query are already percent-encoded. */
    public record Case(String label, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    }

    /** An operation of the document: method, path template, its OpenAPI object. */
    public record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;

    public MalformedRequests(JsonNode document) {
        this.document = document;
    }

    public List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (List.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                    ops.add(new Operation(m.getKey().toUpperCase(), p.getKey(), withPathParameters(m.getValue(), p.getValue())));
                }
            }
        }
        return ops;
    }

    /** The cases for one operation, each sent with {@code token} unless it tests the token. */
    public List<Case> cases(Operation op, String token) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        List<JsonNode> pathParams = parameters(op, "path");
        List<JsonNode> queryParams = parameters(op, "query");
        String path = fill(op.path(), pathParams, null, null);

        cases.add(new Case("bad token", op.method(), path, Map.of("Authorization", "Bearer not.a.token"), bodyFor(op)));
        int n = 0;
        for (JsonNode p : pathParams) {
            if (n++ == 2) {
                break;
            }
            String name = p.path("name").asText();
            cases.add(new Case("path " + name + ": not a UUID", op.method(), fill(op.path(), pathParams, name, "not-a-uuid"), auth, bodyFor(op)));
            cases.add(new Case("path " + name + ": control character", op.method(), fill(op.path(), pathParams, name, "a%00b"), auth, bodyFor(op)));
            cases.add(new Case("path " + name + ": huge", op.method(), fill(op.path(), pathParams, name, "a".repeat(3000)), auth, bodyFor(op)));
        }
        n = 0;
        for (JsonNode q : queryParams) {
            if (n++ == 6) {
                break;
            }
            String name = q.path("name").asText();
            JsonNode schema = resolve(q.path("schema"));
            cases.add(new Case("query " + name + ": control character", op.method(), path + "?" + name + "=x%00y", auth, bodyFor(op)));
            cases.add(new Case("query " + name + ": huge", op.method(), path + "?" + name + "=" + "q".repeat(3000), auth, bodyFor(op)));
            cases.add(new Case("query " + name + ": wrong type", op.method(), path + "?" + name + "=" + wrongQueryValue(name, schema), auth, bodyFor(op)));
        }
        if (hasBody(op)) {
            String type = bodyType(op);
            if (type.startsWith("multipart/")) {
                String boundary = "fuzzboundary";
                Map<String, String> multipart = with(auth, "Content-Type", "multipart/form-data; boundary=" + boundary);
                cases.add(new Case("multipart: empty", op.method(), path, multipart, new byte[0]));
                cases.add(new Case("multipart: truncated", op.method(), path, multipart, ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\nContent-Type: text/csv\r\n\r\nfirstName,email\r\nJa")
                        .getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("multipart: no boundary", op.method(), path, with(auth, "Content-Type", "multipart/form-data"), "x".getBytes()));
            } else {
                Map<String, String> json = with(auth, "Content-Type", "application/json");
                JsonNode schema = resolve(bodySchema(op));
                String sample = sample(schema, 0).toString();
                cases.add(new Case("body: wrong content type", op.method(), path, with(auth, "Content-Type", "text/plain"), sample.getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: empty", op.method(), path, json, new byte[0]));
                cases.add(new Case("body: malformed", op.method(), path, json, "{\"a\":".getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: trailing garbage", op.method(), path, json, (sample + "}").getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: duplicate key", op.method(), path, json, duplicateKey(schema, sample).getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: null", op.method(), path, json, "null".getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: array instead of object", op.method(), path, json, "[1,2,3]".getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: missing fields", op.method(), path, json, "{}".getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case("body: oversized", op.method(), path, json, oversized()));
                Map<String, JsonNode> props = properties(schema);
                if (!props.isEmpty()) {
                    cases.add(new Case("body: wrong types", op.method(), path, json, bodyWith(schema, props, MalformedRequests::wrongType)));
                    cases.add(new Case("body: control characters", op.method(), path, json,
                            bodyWith(schema, props, (s, v) -> isString(s) ? NODES.textNode("a\u0000b\u001b") : v)));
                    cases.add(new Case("body: huge strings", op.method(), path, json,
                            bodyWith(schema, props, (s, v) -> isString(s) ? NODES.textNode("h".repeat(5000)) : v)));
                    cases.add(new Case("body: out of range", op.method(), path, json, bodyWith(schema, props, this::outOfRange)));
                    cases.add(new Case("body: invalid UUIDs", op.method(), path, json,
                            bodyWith(schema, props, (s, v) -> "uuid".equals(resolve(s).path("format").asText()) ? NODES.textNode("not-a-uuid") : v)));
                }
            }
        }
        return cases;
    }

    // ---- parameters and paths

    private JsonNode withPathParameters(JsonNode operation, JsonNode pathItem) {
        if (!pathItem.has("parameters")) {
            return operation;
        }
        ObjectNode copy = operation.deepCopy();
        ArrayNode params = copy.has("parameters") ? (ArrayNode) copy.get("parameters") : copy.putArray("parameters");
        pathItem.get("parameters").forEach(params::add);
        return copy;
    }

    private List<JsonNode> parameters(Operation op, String in) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : op.spec().path("parameters")) {
            JsonNode param = resolve(p);
            if (in.equals(param.path("in").asText())) {
                out.add(param);
            }
        }
        return out;
    }

    /** The path with every parameter filled by a plausible value, {@code name} by {@code value}. */
    static String fill(String template, List<JsonNode> params, String name, String value) {
        String path = template;
        for (JsonNode p : params) {
            String n = p.path("name").asText();
            path = path.replace("{" + n + "}", n.equals(name) ? value : UUID.randomUUID().toString());
        }
        // any parameter the document did not declare
        return path.replaceAll("\\{[^}/]+}", UUID.randomUUID().toString());
    }

    private static String wrongQueryValue(String name, JsonNode schema) {
        if (name.equals("cursor")) {
            return "bm90LWEtY3Vyc29y.forged";
        }
        if (name.equals("limit")) {
            return "-7";
        }
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (format.equals("date-time") || name.toLowerCase().endsWith("since") || name.toLowerCase().contains("before")
                || name.toLowerCase().contains("after")) {
            return FAR_FUTURE.replace("+", "%2B").replace(":", "%3A");
        }
        if (type.equals("integer") || type.equals("number")) {
            return "1e999999";
        }
        if (type.equals("boolean")) {
            return "maybe";
        }
        if (format.equals("uuid") || name.endsWith("Id")) {
            return "not-a-uuid";
        }
        return "%E2%80%AE%C2%9B";  // a bidi override and a C1 control, percent-encoded
    }

    // ---- bodies

    private boolean hasBody(Operation op) {
        return op.spec().has("requestBody") || op.method().equals("POST") || op.method().equals("PUT") || op.method().equals("PATCH");
    }

    private String bodyType(Operation op) {
        Iterator<String> types = op.spec().path("requestBody").path("content").fieldNames();
        while (types.hasNext()) {
            String t = types.next();
            if (t.startsWith("multipart/")) {
                return t;
            }
        }
        return "application/json";
    }

    private JsonNode bodySchema(Operation op) {
        JsonNode content = op.spec().path("requestBody").path("content");
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().contains("json")) {
                return e.getValue().path("schema");
            }
        }
        return NODES.objectNode();
    }

    private byte[] bodyFor(Operation op) {
        return hasBody(op) && !bodyType(op).startsWith("multipart/") ? sample(resolve(bodySchema(op)), 0).toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.get("$ref").asText();
            n = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
        }
        if (n.has("allOf") && n.get("allOf").size() == 1) {
            return resolve(n.get("allOf").get(0));
        }
        return n;
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> props = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            if (props.size() < 12) {
                props.put(e.getKey(), e.getValue());
            }
        });
        return props;
    }

    /** A plausible value of the schema (the starting point every broken body bends). */
    JsonNode sample(JsonNode schemaRef, int depth) {
        JsonNode schema = resolve(schemaRef);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText();
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth < 3) {
                    properties(schema).forEach((k, v) -> o.set(k, sample(v, depth + 1)));
                }
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                if (depth < 3) {
                    a.add(sample(schema.path("items"), depth + 1));
                }
                yield a;
            }
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            default -> switch (format) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode("2030-01-01T00:00:00Z");
                case "date" -> NODES.textNode("2030-01-01");
                case "email" -> NODES.textNode("fuzz@example.test");
                default -> NODES.textNode("fuzz");
            };
        };
    }

    private byte[] bodyWith(JsonNode schema, Map<String, JsonNode> props, java.util.function.BiFunction<JsonNode, JsonNode, JsonNode> bend) {
        ObjectNode body = sample(schema, 0) instanceof ObjectNode o ? o : NODES.objectNode();
        props.forEach((name, s) -> body.set(name, bend.apply(s, body.has(name) ? body.get(name) : sample(s, 1))));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean isString(JsonNode schema) {
        JsonNode s = resolve(schema);
        return "string".equals(s.path("type").asText()) && !s.has("enum");
    }

    private static JsonNode wrongType(JsonNode schema, JsonNode value) {
        if (value.isTextual()) {
            return NODES.numberNode(12345);
        }
        if (value.isNumber() || value.isBoolean()) {
            return NODES.textNode("not-a-" + value.getNodeType().name().toLowerCase());
        }
        if (value.isArray()) {
            return NODES.objectNode().put("not", "an array");
        }
        return NODES.arrayNode().add("not an object");
    }

    private JsonNode outOfRange(JsonNode schema, JsonNode value) {
        JsonNode s = resolve(schema);
        if ("date-time".equals(s.path("format").asText())) {
            return NODES.textNode(FAR_FUTURE);
        }
        if ("date".equals(s.path("format").asText())) {
            return NODES.textNode("+99999-01-01");
        }
        if (value.isNumber()) {
            return NODES.numberNode(new java.math.BigDecimal("1e308"));
        }
        return value;
    }

    private String duplicateKey(JsonNode schema, String sample) {
        Iterator<String> names = schema.path("properties").fieldNames();
        String key = names.hasNext() ? names.next() : "a";
        String body = sample.startsWith("{") && sample.length() > 2 ? sample.substring(1, sample.length() - 1) + "," : "";
        return "{" + body + "\"" + key + "\":\"first\",\"" + key + "\":\"second\"}";
    }

    private static byte[] oversized() {
        StringBuilder sb = new StringBuilder(OVERSIZED_BYTES + 16).append("{\"pad\":\"");
        sb.append("o".repeat(OVERSIZED_BYTES));
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(name, value);
        return m;
    }
}
