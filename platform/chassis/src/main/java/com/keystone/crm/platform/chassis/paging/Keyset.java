package com.keystone.crm.platform.chassis.paging;

import java.util.List;
import java.util.function.Function;

/**
 * The cursors of one list (and sort): made by {@link CursorCodec#list(String)}. A cursor of another list or sort
 * fails the signature check here, so it is refused with a 400 instead of seeking to a meaningless place.
 */
public final class Keyset {
    private final CursorCodec codec;
    private final String list;

    Keyset(CursorCodec codec, String list) {
        this.codec = codec;
        this.list = list;
    }

    public String name() {
        return list;
    }

    public String encode(Cursor cursor) {
        return codec.encode(list, cursor);
    }

    /**
     * The position a client sent back; null when it sent none (the first page).
     *
     * @throws InvalidCursorException (400, field {@code cursor}) for anything this list did not give out
     */
    public Cursor decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return codec.decode(list, raw.trim());
    }

    /**
     * A page from rows fetched with {@code limit + 1}: one more row than a page tells that another page follows,
     * and the last row of this page is where it starts.
     *
     * @param view     what a row looks like in the answer
     * @param position where a row sits in the list's order
     */
    public <R, T> Page<T> page(List<R> rows, int limit, Function<? super R, ? extends T> view,
                               Function<? super R, Cursor> position) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(position.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page.stream().<T>map(view).toList(), next);
    }
}
