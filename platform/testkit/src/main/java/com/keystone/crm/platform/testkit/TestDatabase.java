package com.keystone.crm.platform.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on a service's test database, for assertions on what was (not) written and for fault set-up. */
public final class TestDatabase {
    private final String database;

    public TestDatabase(String database) {
        this.database = database;
    }

    public long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row as text (null when there is no row): for a test's failure message. */
    public String text(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * The exact row count of every table of the database's public schema (one statement), for tests that prove a
     * refused request wrote nothing.
     */
    public java.util.Map<String, Long> rowCounts() {
        try (TableRowCounter counter = rowCounter()) {
            return counter.counts();
        }
    }

    /** A counter of every table's rows that keeps its connection: for many counts in a row (close it). */
    public TableRowCounter rowCounter() {
        try {
            return new TableRowCounter(database, connect());
        } catch (SQLException e) {
            throw new IllegalStateException("connect to " + database, e);
        }
    }

    public void execute(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(CrmTestEnvironment.get().postgres().jdbcUrl(database), TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
