package com.keystone.crm.tools.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasesTest {

    @Test
    void hyphenatedServiceNamesAreQuotedIdentifiers() {
        assertThat(Databases.quoteIdentifier("lead-service")).isEqualTo("\"lead-service\"");
        assertThat(Databases.createStatement("property-sync-service")).isEqualTo("CREATE DATABASE \"property-sync-service\"");
    }

    @Test
    void embeddedQuotesAreDoubled() {
        assertThat(Databases.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void emptyNamesAreRejected() {
        assertThatThrownBy(() -> Databases.quoteIdentifier("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyServiceGetsADatabaseNamedLikeIt() {
        assertThat(ServiceSpec.ALL.stream().map(ServiceSpec::database)).containsExactly("api-gateway", "lead-service",
                "property-sync-service", "workflow-service", "scoring-service", "notification-service");
    }

    /** Against a real PostgreSQL (zonky, random port, temporary directory): creates what is missing, once. */
    @Test
    void ensureCreatesMissingDatabasesOnlyOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            List<String> names = ServiceSpec.ALL.stream().map(ServiceSpec::database).toList();

            assertThat(Databases.ensure(c, names)).containsExactlyElementsOf(names);
            assertThat(Databases.ensure(c, names)).isEmpty();

            List<String> present = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            assertThat(present).containsAll(names);
        }
    }
}
