package com.keystone.crm.platform.chassis.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of any list: its items and the opaque cursor of the next page, null on the last page. Every list of
 * every service answers in this shape ({@code {"items": [...], "nextCursor": "..."}}).
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    public <U> Page<U> map(Function<? super T, ? extends U> view) {
        return new Page<>(items.stream().<U>map(view).toList(), nextCursor);
    }
}
