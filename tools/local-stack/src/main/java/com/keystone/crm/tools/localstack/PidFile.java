package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code .local-stack/pids/<name>.pid} records about a process the stack started: its pid, a marker that its
 * command line must contain for it to still be "ours" (a jar path, the Kafka config file, the PostgreSQL data
 * directory), and its start time, so a recycled pid is never mistaken for it.
 */
public record PidFile(String name, long pid, String marker, Optional<Instant> started) {

    /** Start times read from /proc have clock-tick resolution; anything this close is the same process. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid);
    }

    /** True when the pid is alive and still the process that was recorded (same command line marker and start). */
    public boolean isRunning() {
        Optional<ProcessHandle> handle = handle();
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (!commandLine(pid).contains(marker)) {
            return false;
        }
        Optional<Instant> actual = handle.get().info().startInstant();
        return started.isEmpty() || actual.isEmpty()
                || Duration.between(started.get(), actual.get()).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** The full command line of a process, from /proc on Linux, else what the JDK can tell; "" if unknown. */
    public static String commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                byte[] bytes = Files.readAllBytes(proc);
                return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException ignored) {
            // gone meanwhile, or not ours to read
        }
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().commandLine().or(() -> h.info().command()))
                .orElse("");
    }
}
