package com.keystone.crm.platform.chassis;

import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Plain JDBC on the chassis-test database: counts through the testkit, whole rows for column assertions. */
public final class ChassisDatabase {
    public static final TestDatabase DB = new TestDatabase(ChassisTestResource.SERVICE);

    private ChassisDatabase() {
    }

    public static long count(String sql, Object... params) {
        return DB.count(sql, params);
    }

    /** The first row of the query as column label → JDBC value, if any. */
    public static Optional<Map<String, Object>> row(String sql, Object... params) {
        String url = CrmTestEnvironment.get().postgres().jdbcUrl(ChassisTestResource.SERVICE);
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
