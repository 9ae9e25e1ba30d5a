package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Stops whatever an earlier run left behind (the supervisor was killed with {@code kill -9}, the machine slept, ...):
 * every process recorded under {@code .local-stack/pids/} whose command line still looks like ours, services first,
 * PostgreSQL last. Used by {@code up} before starting, by {@code stop} after the supervisor is gone, and by the
 * {@link Reaper} when the supervisor dies. Idempotent.
 */
public final class Leftovers {
    public static final String SUPERVISOR = "supervisor";
    public static final String REAPER = "reaper";
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String RELAY = "cdc-relay";

    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;

    public Leftovers(StackConfig config, Console console) {
        this.config = config;
        this.pids = new PidFiles(config.pidsDir());
        this.console = console;
    }

    /** Stops every recorded process except the supervisor's record and this process; returns how many it stopped. */
    public int clean() {
        int stopped = 0;
        List<String> names = new ArrayList<>(pids.names());
        names.remove(SUPERVISOR);
        names.sort(Comparator.comparingInt(Leftovers::stopRank));
        long self = ProcessHandle.current().pid();
        for (String name : names) {
            Optional<PidFile> record = pids.read(name);
            if (record.isPresent() && record.get().pid() != self && record.get().isRunning()) {
                console.warn("stopping leftover %s (pid %d) from an earlier run", name, record.get().pid());
                if (POSTGRES.equals(name)) {
                    stopPostmaster(record.get().pid());
                } else {
                    Processes.terminate(record.get().handle().orElseThrow(), graceFor(name));
                }
                stopped++;
            }
            if (record.isEmpty() || record.get().pid() != self) {
                pids.delete(name);
            }
        }
        // PostgreSQL also records itself in postmaster.pid: covers a run killed before it wrote our pid file
        Optional<Long> postmaster = postmasterPid(config.postgresDir());
        if (postmaster.isPresent()) {
            PidFile record = new PidFile(POSTGRES, postmaster.get(), config.postgresDir().toString(), Optional.empty());
            if (record.isRunning()) {
                console.warn("stopping leftover PostgreSQL (postmaster pid %d)", postmaster.get());
                stopPostmaster(postmaster.get());
                stopped++;
            }
        }
        return stopped;
    }

    /** Services (last started first), then the relay, Kafka, PostgreSQL; the reaper before all of them. */
    static int stopRank(String name) {
        if (REAPER.equals(name)) {
            return 0;
        }
        for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
            if (ServiceSpec.ALL.get(i).name().equals(name)) {
                return 10 + (ServiceSpec.ALL.size() - i);
            }
        }
        return switch (name) {
            case RELAY -> 30;
            case KAFKA -> 40;
            case POSTGRES -> 50;
            default -> 20;
        };
    }

    static Duration graceFor(String name) {
        return KAFKA.equals(name) ? Duration.ofSeconds(30) : Duration.ofSeconds(15);
    }

    /** pg_ctl stop -m fast semantics: SIGINT to the postmaster, wait; then SIGQUIT (immediate); then SIGKILL. */
    public static void stopPostmaster(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        Processes.signal(pid, "INT");
        if (Processes.awaitExit(handle.get(), Duration.ofSeconds(30))) {
            return;
        }
        Processes.signal(pid, "QUIT");
        if (Processes.awaitExit(handle.get(), Duration.ofSeconds(10))) {
            return;
        }
        handle.get().destroyForcibly();
        Processes.awaitExit(handle.get(), Duration.ofSeconds(10));
    }

    /** The first line of {@code postmaster.pid} in a PostgreSQL data directory. */
    public static Optional<Long> postmasterPid(Path dataDir) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
