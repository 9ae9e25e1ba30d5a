package com.keystone.crm.platform.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 with logical decoding on, one per test JVM; a database per service. Zonky's binaries by
 * default, the {@code postgres:17} image through Testcontainers when {@link Backends} says so.
 */
public final class TestPostgres {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final String host;
    private final int port;
    private final Runnable stopper;

    TestPostgres(String host, int port, Runnable stopper) {
        this.host = host;
        this.port = port;
        this.stopper = stopper;
    }

    static TestPostgres start(Backends backends) {
        return backends.containers() ? ContainerBackends.postgres() : startEmbedded();
    }

    private static TestPostgres startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("fsync", "off")
                    // commits are written to the WAL at once (cheap with fsync off): with asynchronous commits the
                    // relay's logical decoding waited for the WAL writer, 0.2-0.6 s on every outbox -> Kafka hop
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new TestPostgres("localhost", pg.getPort(), () -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the process is gone either way at JVM exit
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return port;
    }

    /** The host the server is reached on from this machine (localhost, or Docker's host for a container). */
    public String host() {
        return host;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet (service names contain hyphens, so it is quoted). */
    public synchronized void ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    void stop() {
        stopper.run();
    }
}
