package com.keystone.crm.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Figures the scenarios observe (never asserted: timing belongs to tools/bench), appended with the machine's load
 * average to {@code target/system-test-figures.txt} and printed, for the record of a run.
 */
final class Figures {
    static final Path FILE = Path.of("target", "system-test-figures.txt");

    private Figures() {
    }

    static synchronized void record(String what, Duration value) {
        String line = String.format("%s  %s: %d ms  (load average %s)%n", Instant.now(), what, value.toMillis(), loadAverage());
        System.out.print(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
