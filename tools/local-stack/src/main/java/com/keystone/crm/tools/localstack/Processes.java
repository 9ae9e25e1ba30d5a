package com.keystone.crm.tools.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/** Small process helpers: the java binary, the setsid prefix, graceful termination, signals, log tails. */
public final class Processes {
    private static final List<String> SETSID_LOCATIONS = List.of("/usr/bin/setsid", "/bin/setsid");

    private Processes() {
    }

    /** The java binary running this JVM, so children use the same JDK. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * {@code setsid} (util-linux), if present: it runs a child in its own session, so a Ctrl-C in the terminal reaches
     * only the supervisor, which then stops the children in order. A child started by the JVM is never a process group
     * leader, so setsid execs in place and the pid we hold is the child's.
     */
    public static Optional<String> setsid() {
        return SETSID_LOCATIONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** The command, prefixed with setsid when available. */
    public static List<String> detached(List<String> command) {
        List<String> result = new ArrayList<>();
        setsid().ifPresent(result::add);
        result.addAll(command);
        return result;
    }

    /** SIGTERM, wait up to the grace period, then SIGKILL. Returns true if it had to kill. */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        if (awaitExit(process, grace)) {
            return false;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return true;
    }

    /** Polls every 100 ms (the JDK's onExit() for a process that is not our child polls with a growing backoff). */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    /** Sends a named signal (INT, QUIT, ...) with the shell's kill builtin; the JDK only sends TERM and KILL. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no shell: the caller falls back to SIGTERM/SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a log file written in this run, to show why a part crashed. */
    public static List<String> tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            int from = 0; // only this run's part of the log: after the last header ChildProcess wrote
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).startsWith(ChildProcess.LOG_HEADER)) {
                    from = i + 1;
                    break;
                }
            }
            return all.subList(Math.max(from, all.size() - lines), all.size());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
