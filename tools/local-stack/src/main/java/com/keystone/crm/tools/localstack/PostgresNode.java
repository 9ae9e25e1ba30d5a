package com.keystone.crm.tools.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL 17 from the zonky binaries on port 15432 with logical decoding, its data directory kept between runs,
 * one database per service. The postmaster is not a JVM child (pg_ctl detaches it), so it is recorded from
 * {@code postmaster.pid} and stopped with pg_ctl's fast mode.
 */
public final class PostgresNode implements Component {
    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;
    private EmbeddedPostgres postgres;
    private long postmasterPid = -1;

    public PostgresNode(StackConfig config, PidFiles pids, Console console) {
        this.config = config;
        this.pids = pids;
        this.console = console;
    }

    @Override
    public String name() {
        return Leftovers.POSTGRES;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(config.postgresDir());
        Files.createDirectories(config.logsDir());
        boolean fresh = !Files.exists(config.postgresDir().resolve("postgresql.conf"));
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(config.logFile(name()).toFile());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(config.postgresDir())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(StackConfig.POSTGRES_PORT)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        postmasterPid = Leftovers.postmasterPid(config.postgresDir())
                .orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
        pids.write(name(), ProcessHandle.of(postmasterPid).orElseThrow(), config.postgresDir().toString());
        console.info("PostgreSQL %s on port %d (postmaster pid %d, data %s)", fresh ? "initialised and started" : "started",
                StackConfig.POSTGRES_PORT, postmasterPid, config.display(config.postgresDir()));
    }

    /** zonky already waited for {@code SELECT 1}; this creates the service databases that are missing. */
    @Override
    public void awaitReady(Duration timeout) throws Exception {
        List<String> names = ServiceSpec.ALL.stream().map(ServiceSpec::database).toList();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            List<String> created = Databases.ensure(c, names);
            if (!created.isEmpty()) {
                console.info("created databases %s", String.join(", ", created));
            }
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close(); // pg_ctl stop -m fast -w -t 5
            } catch (IOException | RuntimeException e) {
                console.warn("pg_ctl stop failed: %s", e.getMessage());
            }
        }
        if (postmasterPid < 0) { // the start failed half-way: pg_ctl may still have launched a postmaster
            postmasterPid = Leftovers.postmasterPid(config.postgresDir())
                    .filter(pid -> new PidFile(name(), pid, config.postgresDir().toString(), Optional.empty()).isRunning())
                    .orElse(-1L);
        }
        if (postmasterPid > 0) {
            Leftovers.stopPostmaster(postmasterPid); // no-op when pg_ctl already stopped it
            pids.deleteIfPid(name(), postmasterPid);
        }
    }

    @Override
    public Optional<CompletableFuture<?>> exited() {
        return ProcessHandle.of(postmasterPid).map(ProcessHandle::onExit);
    }

    @Override
    public Optional<java.nio.file.Path> logFile() {
        return Optional.of(config.logFile(name()));
    }
}
