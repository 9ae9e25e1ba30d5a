package com.keystone.crm.lead.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A position in a list ordered by an instant and then the row id (keyset pagination): the last row of a page.
 * The next page starts strictly after it, so rows inserted meanwhile neither repeat nor shift the pages. Clients
 * see it only as an opaque string.
 */
public record SeekCursor(Instant at, UUID id) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the string is not a cursor this service issued */
    public static SeekCursor decode(String cursor) {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int bar = raw.indexOf('|');
        int dot = raw.indexOf('.');
        if (bar < 0 || dot < 0 || dot > bar) {
            throw new IllegalArgumentException("not a cursor");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, bar)));
        return new SeekCursor(at, UUID.fromString(raw.substring(bar + 1)));
    }

    /** One page of a list and the cursor of the next, null on the last page. */
    public record Page<T>(List<T> items, String nextCursor) {
        /**
         * @param rows  the rows fetched with {@code limit + 1}: one more than a page tells whether another follows
         * @param place where a row sits in the order, for the next page's cursor
         */
        public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, SeekCursor> place) {
            boolean more = rows.size() > limit;
            List<R> page = more ? rows.subList(0, limit) : rows;
            String next = more ? place.apply(page.get(page.size() - 1)).encode() : null;
            return new Page<>(page.stream().map(view).toList(), next);
        }
    }
}
