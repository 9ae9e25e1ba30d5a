package com.keystone.crm.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CDC relay (platform/cdc-relay) run as its own process, exactly as in production: Debezium needs
 * Kafka 4.3 and must not share the test JVM's classpath. The offsets directory survives {@link #kill()},
 * so a restart resumes where the killed relay stopped.
 */
public final class CdcRelayProcess {
    private final Path root;
    private final Path dataDir;
    private final Path logFile;
    private final Map<String, String> environment;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    CdcRelayProcess(Path root, Map<String, String> environment) {
        this.root = root;
        try {
            this.dataDir = Files.createTempDirectory("cdc-relay-offsets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path moduleTarget = Path.of("target").toAbsolutePath();
        this.logFile = Files.isDirectory(moduleTarget) ? moduleTarget.resolve("cdc-relay.log") : dataDir.resolve("cdc-relay.log");
        this.environment = environment;
        this.httpPort = FreePorts.outsideEphemeralRange();
    }

    static Path relayJar(Path root) {
        Path jar = root.resolve("platform/cdc-relay/target/cdc-relay.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("CDC relay jar not found at " + jar
                    + ": build it first (./mvnw -pl platform/cdc-relay package)");
        }
        return jar;
    }

    /** Starts (or restarts) the relay process; returns once its liveness endpoint answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", relayJar(root).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().putAll(environment);
        pb.environment().put("RELAY_CONNECT_DIR", root.resolve("deploy/connect").toString());
        pb.environment().put("RELAY_DATA_DIR", dataDir.toString());
        pb.environment().put("RELAY_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("RELAY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the CDC relay", e);
        }
        awaitLive(Duration.ofSeconds(60));
    }

    /** kill -9: no shutdown hook, no offset flush. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then kill after a grace period. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the relay and removes its offsets: the end of the test JVM. */
    synchronized void stopAndClean() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: best effort
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The relay's /health answer (status 200 = every connector streaming), or -1 when it does not answer. */
    public int healthStatus() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until every connector the relay runs is streaming. */
    public void awaitStreaming(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (healthStatus() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("CDC relay not streaming after " + timeout + "; see " + logFile);
            }
            pause();
        }
    }

    private void awaitLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("CDC relay exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("CDC relay not live after " + timeout + "; see " + logFile);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
