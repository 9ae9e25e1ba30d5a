package com.keystone.crm.tools.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One database per service; the names contain hyphens, so they are always quoted as SQL identifiers. */
public final class Databases {
    private Databases() {
    }

    /** A PostgreSQL quoted identifier: {@code lead-service} becomes {@code "lead-service"}, quotes are doubled. */
    public static String quoteIdentifier(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid database name: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String createStatement(String name) {
        return "CREATE DATABASE " + quoteIdentifier(name);
    }

    /** Creates the databases that do not exist yet; returns the ones it created. */
    public static List<String> ensure(Connection connection, Collection<String> names) throws SQLException {
        List<String> created = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement ddl = connection.createStatement()) {
            for (String name : names) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                ddl.execute(createStatement(name));
                created.add(name);
            }
        }
        return created;
    }
}
