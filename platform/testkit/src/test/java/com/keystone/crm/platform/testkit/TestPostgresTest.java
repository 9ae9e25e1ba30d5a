package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPostgresTest {
    static TestPostgres postgres;
    static final TestDatabase ADMIN = new TestDatabase("postgres");

    @BeforeAll
    static void environment() {
        postgres = CrmTestEnvironment.get().postgres();
    }

    @Test
    void runsWithLogicalDecodingForTheRelay() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), TestPostgres.USER, TestPostgres.PASSWORD);
             Statement st = c.createStatement()) {
            assertThat(show(st, "wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(show(st, "max_replication_slots"))).isGreaterThanOrEqualTo(6);
            assertThat(Integer.parseInt(show(st, "max_wal_senders"))).isGreaterThanOrEqualTo(6);
            assertThat(show(st, "server_version")).startsWith("17.");
        }
    }

    @Test
    void urlsPointAtTheServerAndTheDatabase() {
        assertThat(postgres.port()).isPositive();
        assertThat(postgres.jdbcUrl("lead-service")).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/lead-service");
        assertThat(postgres.reactiveUrl("lead-service")).isEqualTo("postgresql://localhost:" + postgres.port() + "/lead-service");
    }

    @Test
    void ensureDatabaseIsIdempotentAndKeepsAHyphenatedName() {
        String name = "testkit-svc-" + shortId();
        postgres.ensureDatabase(name);
        postgres.ensureDatabase(name);

        assertThat(ADMIN.count("SELECT count(*) FROM pg_database WHERE datname = ?", name)).isEqualTo(1);
        TestDatabase db = new TestDatabase(name);
        assertThat(db.count("SELECT count(*) FROM (SELECT current_database() AS d) x WHERE d = ?", name)).isEqualTo(1);
    }

    @Test
    void ensureDatabaseQuotesNamesWithQuotesAndCapitals() {
        String name = "Testkit \"q\" it's-" + shortId();
        postgres.ensureDatabase(name);
        postgres.ensureDatabase(name);

        assertThat(ADMIN.count("SELECT count(*) FROM pg_database WHERE datname = ?", name)).isEqualTo(1);
    }

    @Test
    void testDatabaseExecutesWithParametersAndCounts() {
        String name = "testkit-jdbc-" + shortId();
        postgres.ensureDatabase(name);
        TestDatabase db = new TestDatabase(name);

        db.execute("CREATE TABLE note (id uuid PRIMARY KEY, tenant_id varchar(64) NOT NULL, body text)");
        db.execute("INSERT INTO note (id, tenant_id, body) VALUES (?, ?, ?)", UUID.randomUUID(), "acme", "first");
        db.execute("INSERT INTO note (id, tenant_id, body) VALUES (?, ?, ?)", UUID.randomUUID(), "acme", "second");
        db.execute("INSERT INTO note (id, tenant_id, body) VALUES (?, ?, ?)", UUID.randomUUID(), "other", null);

        assertThat(db.count("SELECT count(*) FROM note")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM note WHERE tenant_id = ?", "acme")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM note WHERE body IS NULL")).isEqualTo(1);

        db.execute("DELETE FROM note WHERE tenant_id = ?", "acme");
        assertThat(db.count("SELECT count(*) FROM note")).isEqualTo(1);
    }

    @Test
    void testDatabaseReportsTheFailingStatement() {
        TestDatabase db = new TestDatabase("postgres");
        assertThatThrownBy(() -> db.count("SELECT count(*) FROM no_such_table"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SELECT count(*) FROM no_such_table")
                .hasRootCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> db.execute("INSERT INTO no_such_table VALUES (1)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_table");
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
