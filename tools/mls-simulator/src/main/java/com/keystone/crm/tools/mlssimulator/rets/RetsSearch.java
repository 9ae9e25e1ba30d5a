package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.FaultPlan;
import com.keystone.crm.tools.mlssimulator.SimulatedFeed;
import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.Lookup;
import com.keystone.crm.tools.mlssimulator.feed.Timestamps;
import com.keystone.crm.tools.mlssimulator.xml.Xml;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Search (RETS 1.7.2 §7): DMQL2 over one class, COMPACT or COMPACT-DECODED, Count 0/1/2, Limit (number or NONE),
 * 1-based Offset, the server row cap with {@code <MAXROWS/>}. Rows come in a stable order (ModificationTimestamp,
 * then ListingKey), so Offset paging neither skips nor repeats while the feed stands still.
 */
final class RetsSearch {

    static final Comparator<Listing> STABLE = Comparator.comparing(Listing::modificationTimestamp)
            .thenComparing(Listing::listingKey);
    private static final String EMOJI_REFS = " &#xD83D;&#xDE0A;";

    private final SimulatedFeed feed;
    private final FaultPlan faults;
    private final int defaultMaxRows;
    private final ZoneOffset zone;

    RetsSearch(SimulatedFeed feed, FaultPlan faults, int defaultMaxRows, ZoneOffset zone) {
        this.feed = feed;
        this.faults = faults;
        this.defaultMaxRows = defaultMaxRows;
        this.zone = zone;
    }

    void handle(HttpExchange ex, Map<String, String> p) throws IOException {
        boolean latin1 = faults.latin1Bodies();
        try {
            search(ex, p, latin1);
        } catch (RetsException e) {
            RetsReply.code(ex, e.replyCode(), e.getMessage(), latin1);
        }
    }

    private void search(HttpExchange ex, Map<String, String> p, boolean latin1) throws IOException {
        if (!RetsMetadata.RESOURCE.equals(p.get("SearchType"))) {
            throw new RetsException(20203, "Miscellaneous Search Error: unknown SearchType " + p.get("SearchType"));
        }
        String className = p.get("Class");
        if (!RetsMetadata.isClass(className)) {
            throw new RetsException(20203, "Miscellaneous Search Error: unknown Class " + className);
        }
        String queryType = p.getOrDefault("QueryType", "DMQL2");
        if (!queryType.equalsIgnoreCase("DMQL2") && !queryType.equalsIgnoreCase("DMQL")) {
            throw new RetsException(20203, "Miscellaneous Search Error: QueryType must be DMQL2");
        }
        String format = p.getOrDefault("Format", "COMPACT").toUpperCase();
        if (!format.equals("COMPACT") && !format.equals("COMPACT-DECODED")) {
            throw new RetsException(20203, "Miscellaneous Search Error: Format " + format
                    + " is not served (COMPACT, COMPACT-DECODED)");
        }
        boolean standardNames = "1".equals(p.get("StandardNames"));
        int count = intParam(p, "Count", 0);
        if (count < 0 || count > 2) {
            throw new RetsException(20203, "Miscellaneous Search Error: Count must be 0, 1 or 2");
        }
        String limitRaw = p.getOrDefault("Limit", "NONE");
        int limit = limitRaw.equalsIgnoreCase("NONE") ? Integer.MAX_VALUE : intParam(p, "Limit", 0);
        if (p.containsKey("Offset") && faults.rejectOffset()) {
            throw new RetsException(20203, "Miscellaneous Search Error: Offset is not supported");
        }
        int offset = faults.ignoreOffset() ? 1 : intParam(p, "Offset", 1);
        if (offset < 1 || limit < 0) {
            throw new RetsException(20203, "Miscellaneous Search Error: Offset starts at 1, Limit is >= 0 or NONE");
        }
        List<Field> columns = select(p.get("Select"), standardNames);
        Predicate<Listing> query = Dmql.compile(p.get("Query"), standardNames, zone, feed.clock());

        List<Listing> matching = new ArrayList<>();
        for (Listing l : feed.snapshot()) {
            if (l.retsClass().equals(className) && query.test(l)) {
                matching.add(l);
            }
        }
        matching.sort(STABLE);
        int total = matching.size();
        int from = Math.min(total, offset - 1);
        int wanted = (int) Math.min((long) total - from, limit);
        int cap = faults.maxRows() > 0 ? faults.maxRows() : defaultMaxRows;
        int rows = Math.min(wanted, cap);
        boolean maxRows = wanted > cap;

        if (count == 2) {
            if (total == 0) {
                noRecords(ex, latin1, true);
                return;
            }
            try (Writer w = RetsReply.open(ex, 200, latin1)) {
                w.write("<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n");
                w.write("<COUNT Records=\"" + total + "\"/>\n</RETS>\n");
            }
            return;
        }
        if (rows == 0) {
            noRecords(ex, latin1, count == 1);
            return;
        }
        if (maxRows && faults.maxRowsAsError()) {
            throw new RetsException(20208, "Maximum Records Exceeded: at most " + cap + " rows per search");
        }
        boolean decoded = format.equals("COMPACT-DECODED");
        try (Writer w = RetsReply.open(ex, 200, latin1)) {
            w.write("<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n");
            if (count == 1) {
                w.write("<COUNT Records=\"" + total + "\"/>\n");
            }
            w.write("<DELIMITER value=\"09\"/>\n");
            StringBuilder head = new StringBuilder("<COLUMNS>\t");
            for (Field f : columns) {
                head.append(standardNames ? f.resoName() : f.systemName()).append('\t');
            }
            w.write(head.append("</COLUMNS>\n").toString());
            for (Listing l : matching.subList(from, from + rows)) {
                w.write(row(l, columns, decoded));
            }
            if (maxRows) {
                w.write("<MAXROWS/>\n");
            }
            w.write("</RETS>\n");
        }
    }

    private String row(Listing l, List<Field> columns, boolean decoded) {
        StringBuilder row = new StringBuilder(512).append("<DATA>\t");
        int n = faults.takeMalformedRow() ? columns.size() - 1 : columns.size();
        boolean emoji = faults.invalidXmlCharRefs();
        boolean zoneless = faults.zonelessTimestamps();
        for (int i = 0; i < n; i++) {
            Field f = columns.get(i);
            row.append(Xml.escape(value(f, f.valueOf(l), decoded, zoneless)));
            if (emoji && f == Field.PUBLIC_REMARKS) {
                row.append(EMOJI_REFS); // unescaped on purpose: lone surrogate references are invalid XML
            }
            row.append('\t');
        }
        return row.append("</DATA>\n").toString();
    }

    private String value(Field f, Object v, boolean decoded, boolean zoneless) {
        if (v == null) {
            return "";
        }
        Lookup lookup = f.lookup();
        return switch (f.kind()) {
            case LOOKUP -> decoded ? (String) v : lookup.codeOf((String) v);
            case LOOKUP_MULTI -> String.join(",", ((Collection<?>) v).stream()
                    .map(s -> decoded ? (String) s : lookup.codeOf((String) s)).toList());
            case TIMESTAMP -> Timestamps.format((Instant) v, zoneless, zone);
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            default -> v.toString();
        };
    }

    private static void noRecords(HttpExchange ex, boolean latin1, boolean withCount) throws IOException {
        try (Writer w = RetsReply.open(ex, 200, latin1)) {
            w.write("<RETS ReplyCode=\"20201\" ReplyText=\"No Records Found\">\n");
            if (withCount) {
                w.write("<COUNT Records=\"0\"/>\n");
            }
            w.write("</RETS>\n");
        }
    }

    private static List<Field> select(String select, boolean standardNames) {
        if (select == null || select.isBlank()) {
            return Field.all();
        }
        List<Field> fields = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            fields.add((standardNames ? Field.byResoName(name) : Field.bySystemName(name)).orElseThrow(() ->
                    new RetsException(20202, "Invalid Select: unknown field " + name)));
        }
        return fields;
    }

    private static int intParam(Map<String, String> p, String name, int dflt) {
        String raw = p.get(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new RetsException(20203, "Miscellaneous Search Error: " + name + " must be a number, not " + raw);
        }
    }
}
