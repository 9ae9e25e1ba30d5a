package com.keystone.crm.tools.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A child process of the supervisor: started in its own session (see {@link Processes#setsid()}), stdout and stderr
 * appended to {@code .local-stack/logs/<name>.log}, its pid recorded in {@code .local-stack/pids/<name>.pid}; stopped
 * with SIGTERM and, after a grace period, SIGKILL.
 */
public final class ChildProcess {
    static final String LOG_HEADER = "===== local-stack started ";
    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path logFile;
    private final String marker;
    private final PidFiles pids;
    private final Duration grace;
    private Process process;

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path workingDir,
                        Path logFile, String marker, PidFiles pids, Duration grace) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.logFile = logFile;
        this.marker = marker;
        this.pids = pids;
        this.grace = grace;
    }

    public synchronized void start() throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "\n" + LOG_HEADER + name + " at " + Instant.now() + ": "
                        + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(Processes.detached(command))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        process = pb.start();
        pids.write(name, process.toHandle(), marker);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized Optional<CompletableFuture<?>> exited() {
        return process == null ? Optional.empty() : Optional.of(process.onExit());
    }

    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public String name() {
        return name;
    }

    /** SIGTERM, then SIGKILL after the grace period; removes the pid file. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.terminate(process.toHandle(), grace);
        pids.deleteIfPid(name, process.pid());
    }
}
