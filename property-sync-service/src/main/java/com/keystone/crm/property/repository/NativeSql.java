package com.keystone.crm.property.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Native statements in the current reactive session. Values are bound as text (or uuid) and cast in SQL:
 * the reactive PostgreSQL client refuses a Java type that differs from the parameter type it infers.
 */
public final class NativeSql {
    private NativeSql() {
    }

    public static Uni<Integer> execute(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    /** Rows as arrays of the selected columns (select at least two, cast to text). */
    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        }).map(list -> new ArrayList<>(list));
    }

    public static Uni<List<String>> strings(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, String.class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        });
    }

    public static String text(Object[] row, int i) {
        return row[i] == null ? null : row[i].toString();
    }

    public static java.time.Instant instant(Object[] row, int i) {
        return row[i] == null ? null : java.time.OffsetDateTime.parse(row[i].toString()).toInstant();
    }

    public static long number(Object[] row, int i) {
        return row[i] == null ? 0 : Long.parseLong(row[i].toString());
    }
}
