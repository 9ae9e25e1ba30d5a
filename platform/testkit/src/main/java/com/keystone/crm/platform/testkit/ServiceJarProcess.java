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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A service's packaged jar ({@code <service>/target/quarkus-app/quarkus-run.jar}) run as a child process against
 * this JVM's shared infrastructure: its own database on the testkit's PostgreSQL, the Kafka broker and the testkit's
 * JWKS, plus the test's own {@code -D} properties. For crash tests: {@link #kill()} is a SIGKILL (no shutdown hook,
 * nothing flushed) and {@link #start(String)} boots it again on the same ports. Readiness is the management
 * interface's {@code /q/health/ready}. Logs go to {@code <service>/target/<name>-<run>.log}. A property the test
 * gives replaces the standard one of the same name (another JWKS, say). To boot several services side by side,
 * {@link #launch} each, then {@link #awaitReady()} each.
 */
public final class ServiceJarProcess implements AutoCloseable {
    private final String service;
    private final String name;
    private final Map<String, String> properties;
    private final String heap;
    private final int port;
    private final int managementPort;
    /** The local stack's boot-saving flags unless a benchmark asks for the JVM's own (see {@link #jvmOptions}). */
    private List<String> jvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;

    private ServiceJarProcess(String service, String name, Map<String, String> properties, String heap, int port) {
        this.service = service;
        this.name = name;
        this.properties = properties;
        this.heap = heap;
        this.port = port > 0 ? port : FreePorts.outsideEphemeralRange();
        this.managementPort = FreePorts.outsideEphemeralRange();
    }

    /** A process of {@code service} (the module directory and database name); not started yet. */
    public static ServiceJarProcess of(String service, String name, Map<String, String> extraProperties) {
        return of(service, name, extraProperties, "256m");
    }

    public static ServiceJarProcess of(String service, String name, Map<String, String> extraProperties, String heap) {
        return new ServiceJarProcess(service, name, new LinkedHashMap<>(extraProperties), heap, 0);
    }

    /** A process of {@code service} answering HTTP on a given {@code port} (where a gateway routes to it). */
    public static ServiceJarProcess onPort(String service, String name, Map<String, String> extraProperties, int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new ServiceJarProcess(service, name, new LinkedHashMap<>(extraProperties), "256m", port);
    }

    /**
     * Sets a {@code -D} property for the next {@link #start}: for settings that name this process's own address
     * ({@link #baseUrl()}, known once described) or another process's (a system test wiring several together).
     */
    public synchronized ServiceJarProcess set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /**
     * Replaces the boot-saving flags (serial collector, C1 only) for the next {@link #start}: a benchmark measures the
     * JIT and collector a deployed image runs ({@code jvmOptions()} = the JVM's defaults), not the ones that boot fastest.
     */
    public synchronized ServiceJarProcess jvmOptions(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    /**
     * For a test that kills this process: its Kafka consumers' session lasts 6 s (the broker's minimum) instead of 45 s,
     * so after a {@link #kill()} the restarted process gets the dead consumers' partitions without that wait.
     */
    public ServiceJarProcess quickConsumerFailover() {
        set("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "6000");
        return set("mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms", "2000");
    }

    /** The jar of the module, which must be packaged (failsafe runs after {@code package}). */
    public static Path jar(String service) {
        return CrmTestEnvironment.get().projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Boots the jar (run = a label for the log file) and returns once it is ready. */
    public ServiceJarProcess start(String run) {
        launch(run);
        awaitReady();
        return this;
    }

    /** Boots the jar without waiting for it: call {@link #awaitReady()} before using it. */
    public synchronized ServiceJarProcess launch(String run) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(service + " is already running");
        }
        CrmTestEnvironment env = CrmTestEnvironment.get();
        Path jar = jar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package " + service + " before this test (failsafe runs after package)");
        }
        env.postgres().ensureDatabase(service);
        Path root = env.projectRoot().resolve(service);
        log = root.resolve("target/" + name + "-" + run + ".log");
        List<String> command = command(env, jar);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service, e);
        }
        Process started = process;
        // a test JVM that ends abruptly must not leave the service behind
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-stop"));
        return this;
    }

    /**
     * Waits (up to 6 minutes: five jars booting side by side on two busy cores took over 3) until the launched
     * service is ready; fails at once if it exited.
     */
    public void awaitReady() {
        awaitReady(Duration.ofMinutes(6));
    }

    /** The java command line: the standard properties, each replaced by the test's own value when it gives one. */
    List<String> command(CrmTestEnvironment env, Path jar) {
        // the local stack's flags (QuarkusServiceNode): C1 only and the serial collector spend less CPU on a boot
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap));
        command.addAll(jvmOptions);
        Map<String, String> all = standardProperties(env);
        all.putAll(properties);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private Map<String, String> standardProperties(CrmTestEnvironment env) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.management.port", Integer.toString(managementPort));
        p.put("quarkus.datasource.reactive.url", env.postgres().reactiveUrl(service));
        p.put("quarkus.datasource.jdbc.url", env.postgres().jdbcUrl(service));
        p.put("quarkus.datasource.username", TestPostgres.USER);
        p.put("quarkus.datasource.password", TestPostgres.PASSWORD);
        p.put("kafka.bootstrap.servers", env.kafka().bootstrapServers());
        p.put("mp.jwt.verify.publickey.location", TestJwks.url());
        p.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        p.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        return p;
    }

    private void awaitReady(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            throw new IllegalStateException(service + " was not launched");
        }
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** kill -9: the JVM gets no chance to finish a transaction, flush or release a lease. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, then SIGKILL after a grace period. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
