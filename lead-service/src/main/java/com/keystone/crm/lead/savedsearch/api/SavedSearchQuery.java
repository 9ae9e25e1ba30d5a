package com.keystone.crm.lead.savedsearch.api;

import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.ListQuery;

import java.time.Instant;

/**
 * The paging and filter parameters of a saved-search list, read from raw query strings so that a bad value is a
 * validation problem naming the parameter (not a generic 404/400 from the JAX-RS converter).
 *
 * @param updatedSince when set, only searches changed after it, deleted ones included as tombstones (the app's
 *                     delta sync); otherwise only live searches
 */
public record SavedSearchQuery(int limit, Cursor cursor, Instant updatedSince) {
    public static SavedSearchQuery parse(Keyset keyset, String limit, String cursor, String updatedSince) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor position = q.cursor(keyset, cursor);
        // bounded to the years 1-9999: a far-future or far-past instant is a 400 naming updatedSince, not a failing query
        Instant since = updatedSince == null || updatedSince.isBlank() ? null : q.instant("updatedSince", updatedSince);
        q.validate();
        return new SavedSearchQuery(size, position, since);
    }
}
