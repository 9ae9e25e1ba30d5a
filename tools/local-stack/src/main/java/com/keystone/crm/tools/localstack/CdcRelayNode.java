package com.keystone.crm.tools.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The CDC relay ({@code platform/cdc-relay}): Debezium's embedded engine running every connector under
 * {@code deploy/connect/}, outbox tables to Kafka topics. It retries connectors whose database or publication does
 * not exist yet, so the supervisor only waits for {@code /health/live}; {@code /health} turns 200 once every
 * connector streams.
 */
public final class CdcRelayNode implements Component {
    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;
    private ChildProcess process;

    public CdcRelayNode(StackConfig config, PidFiles pids, Console console) {
        this.config = config;
        this.pids = pids;
        this.console = console;
    }

    @Override
    public String name() {
        return Leftovers.RELAY;
    }

    public boolean isBuilt() {
        return Files.isRegularFile(config.relayJar());
    }

    static Map<String, String> environment(StackConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RELAY_CONNECT_DIR", config.connectDir().toString());
        env.put("RELAY_DATA_DIR", config.relayDataDir().toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", StackConfig.KAFKA_BOOTSTRAP);
        env.put("RELAY_HTTP_PORT", Integer.toString(StackConfig.RELAY_PORT));
        env.put("CRM_DB_HOST", "localhost");
        env.put("CRM_DB_PORT", Integer.toString(StackConfig.POSTGRES_PORT));
        env.put("CRM_DB_USER", StackConfig.PG_USER);
        env.put("CRM_DB_PASSWORD", StackConfig.PG_PASSWORD);
        // the testkit's convention for a relay that watches its parent; the Reaper covers it either way
        env.put("RELAY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return env;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(config.relayDataDir());
        Path jar = config.relayJar();
        process = new ChildProcess(name(),
                List.of(Processes.javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                environment(config), jar.getParent().getParent(), config.logFile(name()), jar.toString(), pids,
                Duration.ofSeconds(20));
        process.start();
        console.info("CDC relay starting (pid %d, connectors from %s)", process.pid(), config.display(config.connectDir()));
    }

    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        Waits.awaitHttp("CDC relay", config.relayUrl("/health/live"), s -> s == 200, timeout, process::isAlive);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public Optional<CompletableFuture<?>> exited() {
        return process == null ? Optional.empty() : process.exited();
    }

    @Override
    public Optional<Path> logFile() {
        return Optional.of(config.logFile(name()));
    }
}
