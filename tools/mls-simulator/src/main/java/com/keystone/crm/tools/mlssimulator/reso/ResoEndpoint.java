package com.keystone.crm.tools.mlssimulator.reso;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.keystone.crm.tools.mlssimulator.FaultPlan;
import com.keystone.crm.tools.mlssimulator.SimulatedFeed;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.MediaItem;
import com.keystone.crm.tools.mlssimulator.feed.Timestamps;
import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RESO Web API (OData v4, JSON): service document, {@code $metadata}, the {@code Property} and {@code Media}
 * entity sets and single entities by key. Bearer token required everywhere. Server-driven paging: a page holds
 * at most the top cap; {@code @odata.nextLink} is present while rows remain after the page (also when the client
 * gave {@code $top}, as MLS Grid and Bridge do), and paging is stable: ordered by the requested {@code $orderby}, then
 * modification timestamp, then key.
 */
public final class ResoEndpoint implements Endpoint {

    private static final Pattern SINGLE = Pattern.compile("/(Property|Media)\\('((?:[^']|'')*)'\\)");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern MEDIA_BY_KEY = Pattern.compile("\\s*ResourceRecordKey\\s+eq\\s+'((?:[^']|'')*)'\\s*");
    private static final Pattern MEDIA_BY_KEYS = Pattern.compile(
            "\\s*ResourceRecordKey\\s+in\\s*\\(((?:\\s*'(?:[^']|'')*'\\s*,?)+)\\)\\s*");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private final SimulatedFeed feed;
    private final FaultPlan faults;
    private final TokenStore tokens;
    private final String serviceRoot;
    private final int defaultTopCap;
    private final ZoneOffset zone;
    private final byte[] metadata = EdmxWriter.write().getBytes(StandardCharsets.UTF_8);

    public ResoEndpoint(SimulatedFeed feed, FaultPlan faults, TokenStore tokens, String serviceRoot, int topCap,
            ZoneOffset zone) {
        this.feed = feed;
        this.faults = faults;
        this.tokens = tokens;
        this.serviceRoot = serviceRoot;
        this.defaultTopCap = topCap;
        this.zone = zone;
    }

    /** The stats name of a path under the service root. */
    public static String endpointName(String path) {
        String rest = path.substring(path.indexOf("/reso/odata") + "/reso/odata".length());
        if (rest.isEmpty() || rest.equals("/")) {
            return "reso/service";
        } else if (rest.startsWith("/$metadata")) {
            return "reso/metadata";
        } else if (rest.startsWith("/Property")) {
            return "reso/Property";
        } else if (rest.startsWith("/Media")) {
            return "reso/Media";
        }
        return "reso/other";
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            if (!authorized(ex)) {
                return;
            }
            if (!"GET".equalsIgnoreCase(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET");
                throw new ODataException(405, "read-only service: use GET");
            }
            ex.getResponseHeaders().set("OData-Version", "4.0");
            route(ex);
        } catch (ODataException e) {
            error(ex, e.status(), e.getMessage());
        }
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        TokenStore.Check check = tokens.check(ex.getRequestHeaders().getFirst("Authorization"),
                faults.expireSessionsAfter());
        if (check == TokenStore.Check.OK) {
            return true;
        }
        String challenge = switch (check) {
            case MISSING -> "Bearer realm=\"reso\"";
            case EXPIRED -> "Bearer realm=\"reso\", error=\"invalid_token\", error_description=\"token expired\"";
            default -> "Bearer realm=\"reso\", error=\"invalid_token\", error_description=\"unknown token\"";
        };
        ex.getResponseHeaders().set("WWW-Authenticate", challenge);
        error(ex, 401, check == TokenStore.Check.EXPIRED ? "token expired" : "bearer token required");
        return false;
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String rest = path.substring(path.indexOf("/reso/odata") + "/reso/odata".length());
        Map<String, String> params = Http.params(ex);
        if (rest.isEmpty() || rest.equals("/")) {
            serviceDocument(ex);
        } else if (rest.equals("/$metadata")) {
            Http.send(ex, 200, "application/xml", metadata);
        } else if (rest.equals("/Property")) {
            collection(ex, params, EntitySchema.PROPERTY, feed.snapshot(), true);
        } else if (rest.equals("/Media")) {
            collection(ex, params, EntitySchema.MEDIA, mediaCandidates(params.get("$filter")), false);
        } else {
            Matcher m = SINGLE.matcher(rest);
            if (!m.matches()) {
                throw new ODataException(404, "no resource " + rest);
            }
            single(ex, params, m.group(1), m.group(2).replace("''", "'"));
        }
    }

    /**
     * The Media rows a query can match. Media is virtual (listings x photos, 100,000 rows in a benchmark): a filter
     * that is exactly {@code ResourceRecordKey eq '...'} or {@code ResourceRecordKey in (...)} reads only those
     * listings; the filter itself still runs on the result.
     */
    private List<MediaItem> mediaCandidates(String filter) {
        List<String> keys = null;
        if (filter != null) {
            Matcher eq = MEDIA_BY_KEY.matcher(filter);
            Matcher in = MEDIA_BY_KEYS.matcher(filter);
            if (eq.matches()) {
                keys = List.of(eq.group(1).replace("''", "'"));
            } else if (in.matches()) {
                keys = new ArrayList<>();
                Matcher each = QUOTED.matcher(in.group(1));
                while (each.find()) {
                    keys.add(each.group(1).replace("''", "'"));
                }
            }
        }
        List<MediaItem> media = new ArrayList<>();
        if (keys != null) {
            for (String key : keys) {
                media.addAll(feed.media(key));
            }
            return media;
        }
        for (Listing l : feed.snapshot()) {
            media.addAll(feed.media(l));
        }
        return media;
    }

    private void serviceDocument(HttpExchange ex) throws IOException {
        String body = "{\"@odata.context\":\"" + serviceRoot + "/$metadata\",\"value\":["
                + "{\"name\":\"Property\",\"kind\":\"EntitySet\",\"url\":\"Property\"},"
                + "{\"name\":\"Media\",\"kind\":\"EntitySet\",\"url\":\"Media\"}]}";
        Http.send(ex, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private void single(HttpExchange ex, Map<String, String> params, String set, String key) throws IOException {
        boolean expand = expandsMedia(params, set.equals("Property"));
        if (set.equals("Property")) {
            Listing l = feed.find(key).orElseThrow(() -> new ODataException(404, "no Property " + key));
            List<String> select = select(params, EntitySchema.PROPERTY);
            try (OutputStream out = Http.stream(ex, 200, "application/json");
                    JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("@odata.context", serviceRoot + "/$metadata#Property/$entity");
                writeFields(g, EntitySchema.PROPERTY, l, select);
                if (expand) {
                    writeMedia(g, l);
                }
                g.writeEndObject();
            }
        } else {
            int dash = key.lastIndexOf('-');
            List<MediaItem> items = dash < 0 ? List.of() : feed.media(key.substring(0, dash));
            MediaItem item = items.stream().filter(m -> m.mediaKey().equals(key)).findFirst()
                    .orElseThrow(() -> new ODataException(404, "no Media " + key));
            List<String> select = select(params, EntitySchema.MEDIA);
            try (OutputStream out = Http.stream(ex, 200, "application/json");
                    JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("@odata.context", serviceRoot + "/$metadata#Media/$entity");
                writeFields(g, EntitySchema.MEDIA, item, select);
                g.writeEndObject();
            }
        }
    }

    private <T> void collection(HttpExchange ex, Map<String, String> params, EntitySchema<T> schema, List<T> rows,
            boolean isProperty) throws IOException {
        Predicate<T> filter = ODataFilter.compile(params.get("$filter"), schema, zone);
        List<T> matching = new ArrayList<>();
        for (T row : rows) {
            if (filter.test(row)) {
                matching.add(row);
            }
        }
        matching.sort(OrderBy.parse(params.get("$orderby"), schema));
        int cap = faults.topCap() > 0 ? faults.topCap() : defaultTopCap;
        Integer top = intParam(params, "$top");
        int skip = intParam(params, "$skip") == null ? 0 : intParam(params, "$skip");
        int pageSize = top == null ? cap : Math.min(top, cap);
        List<String> select = select(params, schema);
        boolean expand = expandsMedia(params, isProperty);
        boolean count = "true".equalsIgnoreCase(params.get("$count"));
        int from = Math.min(skip, matching.size());
        int to = Math.min(matching.size(), from + pageSize);
        try (OutputStream out = Http.stream(ex, 200, "application/json");
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("@odata.context", serviceRoot + "/$metadata#" + schema.name()
                    + (select == null ? "" : "(" + String.join(",", select) + ")"));
            if (count) {
                g.writeNumberField("@odata.count", matching.size());
            }
            g.writeArrayFieldStart("value");
            for (T row : matching.subList(from, to)) {
                g.writeStartObject();
                writeFields(g, schema, row, select);
                if (expand) {
                    writeMedia(g, (Listing) row);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (to < matching.size() && pageSize > 0) {
                g.writeStringField("@odata.nextLink", nextLink(schema.name(), params, to));
            }
            g.writeEndObject();
        }
    }

    private String nextLink(String set, Map<String, String> params, int nextSkip) {
        Map<String, String> next = new LinkedHashMap<>();
        for (String name : List.of("$filter", "$select", "$orderby", "$expand", "$top", "$count")) {
            if (params.get(name) != null) {
                next.put(name, params.get(name));
            }
        }
        next.put("$skip", String.valueOf(nextSkip));
        StringBuilder url = new StringBuilder(serviceRoot).append('/').append(set).append('?');
        next.forEach((k, v) -> url.append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private void writeMedia(JsonGenerator g, Listing l) throws IOException {
        g.writeArrayFieldStart("Media");
        for (MediaItem m : feed.media(l)) {
            g.writeStartObject();
            writeFields(g, EntitySchema.MEDIA, m, null);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private <T> void writeFields(JsonGenerator g, EntitySchema<T> schema, T row, List<String> select)
            throws IOException {
        for (Prop<T> p : schema.props()) {
            if (select != null && !select.contains(p.name())) {
                continue;
            }
            g.writeFieldName(p.name());
            writeValue(g, p.valueOf(row));
        }
    }

    private void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Instant t) {
            g.writeString(Timestamps.format(t, faults.zonelessTimestamps(), zone));
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Collection<?> c) {
            // a flags enumeration: OData JSON writes the members comma-separated
            g.writeString(c.isEmpty() ? null : String.join(",", c.stream().map(Object::toString).toList()));
        } else {
            g.writeString(v.toString());
        }
    }

    private static boolean expandsMedia(Map<String, String> params, boolean isProperty) {
        String expand = params.get("$expand");
        if (expand == null || expand.isBlank()) {
            return false;
        }
        if (!isProperty || !expand.trim().equals("Media")) {
            throw new ODataException(400, "$expand: only Media on Property is supported");
        }
        return true;
    }

    private static <T> List<String> select(Map<String, String> params, EntitySchema<T> schema) {
        String select = params.get("$select");
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (schema.prop(name).isEmpty()) {
                throw new ODataException(400, "$select: unknown property '" + name + "' of " + schema.name());
            }
            names.add(name);
        }
        return names;
    }

    private static Integer intParam(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ODataException(400, name + " must be a non-negative integer, not '" + raw + "'");
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        try (OutputStream out = Http.stream(ex, status, "application/json");
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", String.valueOf(status));
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** $orderby: "Field [asc|desc], ..." then the schema's timestamp and key, so pages never overlap. */
    static final class OrderBy {
        private OrderBy() {
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static <T> java.util.Comparator<T> parse(String raw, EntitySchema<T> schema) {
            java.util.Comparator<T> order = null;
            List<String> terms = new ArrayList<>();
            if (raw != null && !raw.isBlank()) {
                terms.addAll(List.of(raw.split(",")));
            }
            terms.add(schema.timestamp());
            terms.add(schema.key());
            for (String term : terms) {
                String[] parts = term.trim().split("\\s+");
                if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
                    throw new ODataException(400, "$orderby: cannot read '" + term.trim() + "'");
                }
                Prop<T> prop = schema.prop(parts[0]).orElseThrow(() ->
                        new ODataException(400, "$orderby: unknown property '" + parts[0] + "' of " + schema.name()));
                Function<T, Comparable> key = row -> {
                    Object v = prop.valueOf(row);
                    return v instanceof Collection<?> c ? String.join(",", (Collection<String>) c) : (Comparable) v;
                };
                java.util.Comparator<T> c = java.util.Comparator.comparing(key,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
                if (parts.length == 2 && parts[1].equalsIgnoreCase("desc")) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
            return order;
        }
    }
}
