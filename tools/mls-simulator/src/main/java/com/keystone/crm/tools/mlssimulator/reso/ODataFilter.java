package com.keystone.crm.tools.mlssimulator.reso;

import com.keystone.crm.tools.mlssimulator.feed.FieldKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the part of OData v4 {@code $filter} RESO replication uses: {@code eq ne gt ge lt
 * le}, {@code and or not}, parentheses, {@code in (...)}, {@code has} on flag enumerations, {@code contains /
 * startswith / endswith}; literals 'string' (with '' escapes), numbers, DateTimeOffset and Date values, true,
 * false, null and qualified enumeration values ({@code Namespace.Type'Member'}). Compiles to a predicate over
 * the rows of one entity type; an unknown property or a type mismatch is a 400.
 */
public final class ODataFilter {

    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith");

    private enum Type { LPAREN, RPAREN, COMMA, IDENT, STRING, ENUM, NUMBER, DATETIME, DATE, EOF }

    private record Token(Type type, String text, int pos) {
    }

    private final List<Token> tokens;
    private final ZoneOffset zone;
    private int at;

    private ODataFilter(String text, ZoneOffset zone) {
        this.tokens = tokenize(text);
        this.zone = zone;
    }

    /** @param zone the server zone a timestamp without an offset is read in */
    public static <T> Predicate<T> compile(String text, EntitySchema<T> schema, ZoneOffset zone) {
        if (text == null || text.isBlank()) {
            return row -> true;
        }
        ODataFilter parser = new ODataFilter(text, zone);
        Predicate<T> predicate = parser.parseOr(schema);
        if (parser.peek().type != Type.EOF) {
            throw parser.error("unexpected '" + parser.peek().text + "'");
        }
        return predicate;
    }

    private <T> Predicate<T> parseOr(EntitySchema<T> schema) {
        Predicate<T> left = parseAnd(schema);
        while (peekKeyword("or")) {
            at++;
            left = left.or(parseAnd(schema));
        }
        return left;
    }

    private <T> Predicate<T> parseAnd(EntitySchema<T> schema) {
        Predicate<T> left = parseUnary(schema);
        while (peekKeyword("and")) {
            at++;
            left = left.and(parseUnary(schema));
        }
        return left;
    }

    private <T> Predicate<T> parseUnary(EntitySchema<T> schema) {
        if (peekKeyword("not")) {
            at++;
            return parseUnary(schema).negate();
        }
        return parsePrimary(schema);
    }

    private <T> Predicate<T> parsePrimary(EntitySchema<T> schema) {
        Token t = peek();
        if (t.type == Type.LPAREN) {
            at++;
            Predicate<T> inner = parseOr(schema);
            expect(Type.RPAREN);
            return inner;
        }
        if (t.type == Type.IDENT && FUNCTIONS.contains(t.text) && tokens.get(at + 1).type == Type.LPAREN) {
            return parseFunction(schema);
        }
        Token left = next();
        Token op = next();
        if (op.type != Type.IDENT) {
            throw error("expected an operator after '" + left.text + "'");
        }
        if (op.text.equals("in")) {
            Prop<T> prop = property(schema, left);
            expect(Type.LPAREN);
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal(prop, next(), "eq"));
            } while (accept(Type.COMMA));
            expect(Type.RPAREN);
            return row -> values.stream().anyMatch(v -> test("eq", prop.valueOf(row), v));
        }
        Token right = next();
        if (op.text.equals("has")) {
            Prop<T> prop = property(schema, left);
            if (prop.kind() != FieldKind.LOOKUP_MULTI) {
                throw error("'has' needs a flags enumeration; " + prop.name() + " is not one");
            }
            Object member = literal(prop, right, "has");
            return row -> row != null && prop.valueOf(row) instanceof Collection<?> c && c.contains(member);
        }
        if (!COMPARISONS.contains(op.text)) {
            throw error("unknown operator '" + op.text + "'");
        }
        String operator = op.text;
        if (isProperty(schema, right) && !isProperty(schema, left)) {
            Token swap = left;
            left = right;
            right = swap;
            operator = mirror(operator);
        }
        Prop<T> prop = property(schema, left);
        Object value = literal(prop, right, operator);
        String finalOperator = operator;
        return row -> test(finalOperator, prop.valueOf(row), value);
    }

    private <T> Predicate<T> parseFunction(EntitySchema<T> schema) {
        String fn = next().text;
        expect(Type.LPAREN);
        Prop<T> prop = property(schema, next());
        expect(Type.COMMA);
        Token arg = next();
        expect(Type.RPAREN);
        if (prop.kind() != FieldKind.STRING || arg.type != Type.STRING) {
            throw error(fn + "() takes a string property and a string literal");
        }
        String needle = unquote(arg.text);
        return row -> {
            Object v = prop.valueOf(row);
            if (!(v instanceof String s)) {
                return false;
            }
            return switch (fn) {
                case "contains" -> s.contains(needle);
                case "startswith" -> s.startsWith(needle);
                default -> s.endsWith(needle);
            };
        };
    }

    private static String mirror(String op) {
        return switch (op) {
            case "gt" -> "lt";
            case "lt" -> "gt";
            case "ge" -> "le";
            case "le" -> "ge";
            default -> op;
        };
    }

    private <T> boolean isProperty(EntitySchema<T> schema, Token t) {
        return t.type == Type.IDENT && schema.prop(t.text).isPresent();
    }

    private <T> Prop<T> property(EntitySchema<T> schema, Token t) {
        if (t.type != Type.IDENT || Set.of("true", "false", "null").contains(t.text)) {
            throw error("expected a property name, found '" + t.text + "'");
        }
        return schema.prop(t.text).orElseThrow(() -> error("unknown property '" + t.text + "' of "
                + schema.name()));
    }

    /** The literal converted to the Java type the property's values have. */
    private Object literal(Prop<?> prop, Token t, String op) {
        if (t.type == Type.IDENT && t.text.equals("null")) {
            if (!op.equals("eq") && !op.equals("ne")) {
                throw error("null compares only with eq or ne");
            }
            return null;
        }
        return switch (prop.kind()) {
            case STRING -> {
                require(t, Type.STRING, prop);
                yield unquote(t.text);
            }
            case INT, DECIMAL -> {
                require(t, Type.NUMBER, prop);
                yield new BigDecimal(t.text);
            }
            case DATE -> {
                if (t.type == Type.DATE) {
                    yield LocalDate.parse(t.text);
                }
                throw mismatch(prop, t);
            }
            case TIMESTAMP -> {
                if (t.type == Type.DATETIME) {
                    yield instant(t.text);
                } else if (t.type == Type.DATE) {
                    yield LocalDate.parse(t.text).atStartOfDay().toInstant(zone);
                }
                throw mismatch(prop, t);
            }
            case LOOKUP, LOOKUP_MULTI -> {
                if (!op.equals("eq") && !op.equals("ne") && !op.equals("has")) {
                    throw error(prop.name() + " is an enumeration: use eq, ne, in or has");
                }
                String member;
                if (t.type == Type.ENUM) {
                    member = t.text.substring(t.text.indexOf('\'') + 1, t.text.length() - 1);
                    if (prop.lookup().byStandard(member).isEmpty()) {
                        throw error("'" + member + "' is not a member of " + prop.lookup().resoEnumName());
                    }
                } else if (t.type == Type.STRING) {
                    member = unquote(t.text);
                } else {
                    throw mismatch(prop, t);
                }
                yield member;
            }
        };
    }

    private Instant instant(String text) {
        try {
            if (text.endsWith("Z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(zone);
        } catch (DateTimeParseException e) {
            throw error("bad timestamp '" + text + "'");
        }
    }

    private void require(Token t, Type type, Prop<?> prop) {
        if (t.type != type) {
            throw mismatch(prop, t);
        }
    }

    private ODataException mismatch(Prop<?> prop, Token t) {
        return error("'" + t.text + "' does not fit " + prop.name() + " (" + prop.kind() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean test(String op, Object value, Object literal) {
        if (literal == null) {
            return op.equals("eq") == (value == null);
        }
        if (value == null) {
            return op.equals("ne");
        }
        int c;
        if (value instanceof Integer i) {
            c = BigDecimal.valueOf(i).compareTo((BigDecimal) literal);
        } else if (value instanceof Collection<?> col) {
            c = col.contains(literal) && col.size() == 1 ? 0 : 1;
        } else {
            c = ((Comparable) value).compareTo(literal);
        }
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private boolean peekKeyword(String keyword) {
        Token t = peek();
        return t.type == Type.IDENT && t.text.equals(keyword);
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.type == Type.EOF) {
            throw error("unexpected end of $filter");
        }
        at++;
        return t;
    }

    private boolean accept(Type type) {
        if (peek().type == type) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(Type type) {
        Token t = peek();
        if (t.type != type) {
            throw error("expected " + type + " at position " + t.pos + ", found '" + t.text + "'");
        }
        at++;
    }

    private ODataException error(String message) {
        return new ODataException(400, "$filter: " + message);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Type.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(Type.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Token(Type.COMMA, ",", i++));
            } else if (c == '\'') {
                int end = endOfString(s, i);
                out.add(new Token(Type.STRING, s.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && "0123456789-:.TZ+eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                String text = s.substring(start, i);
                Type type = DATE_TIME.matcher(text).matches() ? Type.DATETIME
                        : DATE.matcher(text).matches() ? Type.DATE
                        : NUMBER.matcher(text).matches() ? Type.NUMBER : null;
                if (type == null) {
                    throw new ODataException(400, "$filter: bad literal '" + text + "' at position " + start);
                }
                out.add(new Token(type, text, start));
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_./$".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                if (i < s.length() && s.charAt(i) == '\'') {
                    int end = endOfString(s, i);
                    out.add(new Token(Type.ENUM, s.substring(start, end), start));
                    i = end;
                } else {
                    out.add(new Token(Type.IDENT, s.substring(start, i), start));
                }
            } else {
                throw new ODataException(400, "$filter: unexpected '" + c + "' at position " + i);
            }
        }
        out.add(new Token(Type.EOF, "<end>", s.length()));
        out.add(new Token(Type.EOF, "<end>", s.length()));
        return out;
    }

    private static int endOfString(String s, int open) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new ODataException(400, "$filter: unterminated string at position " + open);
    }
}
