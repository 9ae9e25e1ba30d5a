package com.keystone.crm.platform.chassis.paging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A position in a keyset-paginated list: the sort key value(s) and the id of the last row of a page. The next page
 * starts strictly after it, so rows inserted meanwhile neither repeat nor shift pages. Clients only ever see it
 * encoded by {@link CursorCodec} (opaque and signed). Values are kept as strings (an {@link Instant} as ISO-8601 with
 * its full precision) and read back with the typed accessors.
 */
public record Cursor(List<String> keys, String id) {
    public Cursor {
        keys = Collections.unmodifiableList(new ArrayList<>(keys)); // may hold nulls (nullable sort columns)
        if (id == null) {
            throw new IllegalArgumentException("a cursor needs the row id");
        }
    }

    /** A cursor at a row: its id and its sort key values, in the order of the list's ORDER BY. */
    public static Cursor at(Object id, Object... keys) {
        List<String> values = new ArrayList<>(keys.length);
        for (Object key : keys) {
            values.add(key == null ? null : key.toString());
        }
        return new Cursor(values, id.toString());
    }

    public String key(int index) {
        if (index < 0 || index >= keys.size()) {
            throw InvalidCursorException.foreign();
        }
        return keys.get(index);
    }

    public Instant instant(int index) {
        return parse(index, Instant::parse);
    }

    public BigDecimal decimal(int index) {
        return parse(index, BigDecimal::new);
    }

    public long longKey(int index) {
        return parse(index, Long::parseLong);
    }

    public int intKey(int index) {
        return parse(index, Integer::parseInt);
    }

    public UUID uuid() {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw InvalidCursorException.foreign();
        }
    }

    private <T> T parse(int index, java.util.function.Function<String, T> parser) {
        String raw = key(index);
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            // signed by us but not of this shape: a cursor of another list (a bug or a renamed list)
            throw InvalidCursorException.foreign();
        }
    }
}
