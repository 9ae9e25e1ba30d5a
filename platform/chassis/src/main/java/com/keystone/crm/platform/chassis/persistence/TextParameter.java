package com.keystone.crm.platform.chassis.persistence;

/**
 * A native query's parameter bound as text and cast in SQL: Hibernate Reactive binds strings, PostgreSQL gives them
 * their type (timestamptz, uuid, jsonb...).
 */
public final class TextParameter {
    private TextParameter() {
    }

    /** Parameter {@code n} cast to {@code sqlType}, e.g. {@code "due_at <= " + as(1, "timestamptz")}. */
    public static String as(int n, String sqlType) {
        if (n < 1) {
            throw new IllegalArgumentException("parameters are numbered from 1");
        }
        return "cast(cast(?" + n + " as text) as " + sqlType + ")";
    }
}
