package com.keystone.crm.platform.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact row count of every table of a database's public schema, counted again and again on one connection with
 * one prepared statement: a test that checks thousands of refused requests wrote nothing would otherwise open a
 * PostgreSQL backend per check. The tables are listed once, when the counter is made (a service's migrations ran).
 */
public final class TableRowCounter implements AutoCloseable {
    private final String database;
    private final Connection connection;
    private final PreparedStatement counts;

    TableRowCounter(String database, Connection connection) {
        this.database = database;
        this.connection = connection;
        try {
            String union;
            try (PreparedStatement ps = connection.prepareStatement("SELECT string_agg(format('SELECT %L AS t, count(*) AS n FROM %I.%I', "
                    + "table_name, table_schema, table_name), ' UNION ALL ') FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                union = rs.getString(1);
            }
            counts = union == null ? null : connection.prepareStatement(union);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("tables of " + database, e);
        }
    }

    /** Table name → rows, now. */
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        if (counts == null) {
            return result;
        }
        try (ResultSet rs = counts.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("row counts of " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection of a test database: nothing to recover
        }
    }
}
