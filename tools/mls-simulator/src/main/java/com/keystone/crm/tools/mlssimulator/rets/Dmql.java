package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.FieldKind;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.LookupValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for DMQL2 (RETS 1.7.2 §7.7), compiled to a predicate over listings:
 * <pre>
 * search-condition = query-clause *( ("|" / "OR") query-clause )
 * query-clause     = boolean-element *( ("," / "AND") boolean-element )
 * boolean-element  = [ "~" / "NOT" ] query-element
 * query-element    = "(" field "=" field-value ")" / "(" search-condition ")"
 * field-value      = lookup-list ("|A,B" "+A,B" "~A,B") / range-list ("a-b", "a+", "a-", "a", comma-separated)
 *                  / string-list (with "*" and "?" wildcards, "quoted literals") / ".ANY." / ".EMPTY."
 * </pre>
 * Dates and timestamps accept TODAY and NOW (the feed clock); a timestamp without an offset is in the server's zone.
 * String matches ignore case. An unknown field is reply code 20200, anything unreadable 20206.
 */
public final class Dmql {

    public static final int UNKNOWN_FIELD = 20200;
    public static final int INVALID_SYNTAX = 20206;

    private static final Pattern FIELD_START = Pattern.compile("\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    private static final String NUM = "-?\\d+(?:\\.\\d+)?";
    private static final String WHEN = "(?:TODAY|NOW|\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?"
            + "(?:Z|[+-]\\d{2}:\\d{2})?)?)";
    private static final Pattern NUM_RANGE = Pattern.compile("(" + NUM + ")(?:-(" + NUM + ")|([+-]))?");
    private static final Pattern WHEN_RANGE = Pattern.compile("(" + WHEN + ")(?:-(" + WHEN + ")|([+-]))?");
    private static final Pattern STRING_RANGE = Pattern.compile("([^*?\"-]+)(?:-([^*?\"-]+)|([+-]))");

    private final String text;
    private final boolean standardNames;
    private final ZoneOffset zone;
    private final Instant now;
    private int at;

    private Dmql(String text, boolean standardNames, ZoneOffset zone, Instant now) {
        this.text = text;
        this.standardNames = standardNames;
        this.zone = zone;
        this.now = now;
    }

    /**
     * @param standardNames field names are RESO StandardNames rather than SystemNames
     * @param zone          the server's zone (zoneless timestamps)
     * @param now           what NOW and TODAY mean
     */
    public static Predicate<Listing> compile(String query, boolean standardNames, ZoneOffset zone, Instant now) {
        if (query == null || query.isBlank()) {
            throw new RetsException(INVALID_SYNTAX, "Query is required");
        }
        Dmql parser = new Dmql(query, standardNames, zone, now);
        Predicate<Listing> predicate = parser.searchCondition();
        parser.skipSpaces();
        if (parser.at < query.length()) {
            throw parser.syntax("unexpected '" + query.substring(parser.at) + "'");
        }
        return predicate;
    }

    private Predicate<Listing> searchCondition() {
        Predicate<Listing> left = queryClause();
        while (acceptOperator("|", "OR")) {
            left = left.or(queryClause());
        }
        return left;
    }

    private Predicate<Listing> queryClause() {
        Predicate<Listing> left = booleanElement();
        while (acceptOperator(",", "AND")) {
            left = left.and(booleanElement());
        }
        return left;
    }

    private Predicate<Listing> booleanElement() {
        if (acceptOperator("~", "NOT")) {
            return queryElement().negate();
        }
        return queryElement();
    }

    private Predicate<Listing> queryElement() {
        skipSpaces();
        if (at >= text.length() || text.charAt(at) != '(') {
            throw syntax("expected '(' at position " + at);
        }
        Matcher m = FIELD_START.matcher(text).region(at, text.length());
        if (m.lookingAt()) {
            at = m.end();
            Field field = field(m.group(1));
            String value = rawValue();
            return criteria(field, value);
        }
        at++;
        Predicate<Listing> inner = searchCondition();
        skipSpaces();
        expect(')');
        return inner;
    }

    /** The characters up to the closing parenthesis, quotes respected. */
    private String rawValue() {
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ')' && !quoted) {
                at++;
                return value.toString().trim();
            }
            value.append(c);
            at++;
        }
        throw syntax("missing ')' after a field value");
    }

    private Field field(String name) {
        Optional<Field> field = standardNames ? Field.byResoName(name) : Field.bySystemName(name);
        return field.orElseThrow(() -> new RetsException(UNKNOWN_FIELD, "Unknown Query Field: " + name));
    }

    private Predicate<Listing> criteria(Field field, String value) {
        if (value.isEmpty()) {
            throw syntax("empty value for " + name(field));
        }
        if (value.equals(".ANY.")) {
            return l -> !isEmpty(field.valueOf(l));
        }
        if (value.equals(".EMPTY.")) {
            return l -> isEmpty(field.valueOf(l));
        }
        return switch (field.kind()) {
            case LOOKUP, LOOKUP_MULTI -> lookup(field, value);
            case INT, DECIMAL -> anyOf(value, item -> numberItem(field, item));
            case DATE, TIMESTAMP -> anyOf(value, item -> whenItem(field, item));
            case STRING -> anyOf(value, item -> stringItem(field, item));
        };
    }

    private Predicate<Listing> lookup(Field field, String value) {
        char mode = value.charAt(0);
        String list = "|+~".indexOf(mode) >= 0 ? value.substring(1) : value;
        if ("|+~".indexOf(mode) < 0) {
            mode = '|';
        }
        Set<String> wanted = new HashSet<>();
        for (String code : list.split(",")) {
            String c = code.trim();
            LookupValue v = field.lookup().byCode(c).orElseThrow(() -> syntax("'" + c + "' is not a value of lookup "
                    + field.lookup().name() + " (" + name(field) + ")"));
            wanted.add(v.standard());
        }
        char op = mode;
        return l -> {
            Object raw = field.valueOf(l);
            Collection<?> have = raw == null ? List.of() : raw instanceof Collection<?> c ? c : List.of(raw);
            return switch (op) {
                case '+' -> have.containsAll(wanted);
                case '~' -> have.stream().noneMatch(wanted::contains);
                default -> have.stream().anyMatch(wanted::contains);
            };
        };
    }

    private Predicate<Listing> anyOf(String value, java.util.function.Function<String, Predicate<Listing>> item) {
        Predicate<Listing> any = null;
        for (String part : splitItems(value)) {
            Predicate<Listing> p = item.apply(part);
            any = any == null ? p : any.or(p);
        }
        return any;
    }

    private List<String> splitItems(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString().trim());
        if (items.stream().anyMatch(String::isEmpty)) {
            throw syntax("empty item in '" + value + "'");
        }
        return items;
    }

    private Predicate<Listing> numberItem(Field field, String item) {
        Matcher m = NUM_RANGE.matcher(item);
        if (!m.matches()) {
            throw syntax("'" + item + "' is not a number or range for " + name(field));
        }
        BigDecimal a = new BigDecimal(m.group(1));
        BigDecimal b = m.group(2) == null ? null : new BigDecimal(m.group(2));
        return range(field, a, b, m.group(3), v -> v instanceof Integer i ? BigDecimal.valueOf(i) : (BigDecimal) v);
    }

    private Predicate<Listing> whenItem(Field field, String item) {
        Matcher m = WHEN_RANGE.matcher(item);
        if (!m.matches()) {
            throw syntax("'" + item + "' is not a date, timestamp or range for " + name(field));
        }
        if (field.kind() == FieldKind.DATE) {
            return range(field, date(m.group(1)), m.group(2) == null ? null : date(m.group(2)), m.group(3),
                    v -> (LocalDate) v);
        }
        return range(field, instant(m.group(1)), m.group(2) == null ? null : instant(m.group(2)), m.group(3),
                v -> (Instant) v);
    }

    private Predicate<Listing> stringItem(Field field, String item) {
        if (item.startsWith("\"") && item.endsWith("\"") && item.length() >= 2) {
            String literal = item.substring(1, item.length() - 1);
            return l -> literal.equals(field.valueOf(l));
        }
        if (item.indexOf('*') >= 0 || item.indexOf('?') >= 0) {
            StringBuilder regex = new StringBuilder();
            for (char c : item.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            Pattern p = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
            return l -> field.valueOf(l) instanceof String s && p.matcher(s).matches();
        }
        Matcher m = STRING_RANGE.matcher(item);
        if (m.matches()) {
            String a = m.group(1).toLowerCase(Locale.ROOT);
            String b = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
            return range(field, a, b, m.group(3), v -> ((String) v).toLowerCase(Locale.ROOT));
        }
        return l -> field.valueOf(l) instanceof String s && s.equalsIgnoreCase(item);
    }

    /** a-b (inclusive), a+ (at least), a- (at most), or a alone (equal). */
    private static <C extends Comparable<C>> Predicate<Listing> range(Field field, C a, C b, String open,
            java.util.function.Function<Object, C> convert) {
        return l -> {
            Object raw = field.valueOf(l);
            if (raw == null) {
                return false;
            }
            C v = convert.apply(raw);
            if (b != null) {
                return v.compareTo(a) >= 0 && v.compareTo(b) <= 0;
            } else if ("+".equals(open)) {
                return v.compareTo(a) >= 0;
            } else if ("-".equals(open)) {
                return v.compareTo(a) <= 0;
            }
            return v.compareTo(a) == 0;
        };
    }

    private LocalDate date(String s) {
        if (s.equals("TODAY") || s.equals("NOW")) {
            return LocalDate.ofInstant(now, zone);
        }
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            throw syntax("bad date '" + s + "'");
        }
    }

    private Instant instant(String s) {
        if (s.equals("NOW")) {
            return now;
        }
        if (s.equals("TODAY")) {
            return LocalDate.ofInstant(now, zone).atStartOfDay().toInstant(zone);
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(zone);
            }
            if (s.endsWith("Z") || s.indexOf('+', 10) > 0 || s.indexOf('-', 10) > 0) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(zone);
        } catch (DateTimeParseException e) {
            throw syntax("bad timestamp '" + s + "'");
        }
    }

    private String name(Field field) {
        return standardNames ? field.resoName() : field.systemName();
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof String s && s.isEmpty()) || (v instanceof Collection<?> c && c.isEmpty());
    }

    private boolean acceptOperator(String symbol, String word) {
        skipSpaces();
        if (text.startsWith(symbol, at)) {
            at += symbol.length();
            return true;
        }
        if (text.regionMatches(true, at, word, 0, word.length())) {
            int after = at + word.length();
            if (after < text.length() && (Character.isWhitespace(text.charAt(after)) || text.charAt(after) == '(')) {
                at = after;
                return true;
            }
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw syntax("expected '" + c + "' at position " + at);
        }
        at++;
    }

    private RetsException syntax(String message) {
        return new RetsException(INVALID_SYNTAX, "Invalid Query Syntax: " + message);
    }
}
