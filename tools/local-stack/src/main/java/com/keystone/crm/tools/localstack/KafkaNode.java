package com.keystone.crm.tools.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import com.keystone.crm.platform.topics.CatalogueTopics;
import com.keystone.crm.platform.topics.ProvisioningReport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) on localhost:9092, run as a child JVM
 * ({@code kafka.Kafka}) on this module's copied classpath. The storage is formatted once ({@code StorageTool format
 * --standalone}); the cluster id is kept in {@code .local-stack/kafka/cluster.id}. Logs at WARN go to
 * {@code .local-stack/logs/kafka.log}.
 */
public final class KafkaNode implements Component {
    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;
    private ChildProcess process;

    public KafkaNode(StackConfig config, PidFiles pids, Console console) {
        this.config = config;
        this.pids = pids;
        this.console = console;
    }

    @Override
    public String name() {
        return Leftovers.KAFKA;
    }

    Path dataDir() {
        return config.kafkaDir().resolve("data");
    }

    Path propertiesFile() {
        return config.kafkaDir().resolve("server.properties");
    }

    Path logbackFile() {
        return config.kafkaDir().resolve("logback.xml");
    }

    /** The broker+controller configuration (written on every start; the formatted storage is what persists). */
    static Properties serverProperties(StackConfig config) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "localhost:" + StackConfig.KAFKA_CONTROLLER_PORT);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + StackConfig.KAFKA_PORT
                + ",CONTROLLER://localhost:" + StackConfig.KAFKA_CONTROLLER_PORT);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + StackConfig.KAFKA_PORT);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", config.kafkaDir().resolve("data").toString());
        // topics come from the catalogue (TopicProvisioner, run before the relay and the services), never from a
        // first send or subscription: an auto-created topic would get num.partitions and the default retention
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        return p;
    }

    static String logbackXml() {
        return """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%logger{36}] %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
    }

    List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Processes.javaBinary(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logbackFile(),
                "-cp", config.libDir().resolve("*").toString(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir());
        Files.createDirectories(config.logsDir());
        try (var w = Files.newBufferedWriter(propertiesFile(), StandardCharsets.UTF_8)) {
            serverProperties(config).store(w, "written by tools/local-stack on every start");
        }
        Files.writeString(logbackFile(), logbackXml());
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format();
        }
        process = new ChildProcess(name(), javaCommand(MAIN_CLASS, propertiesFile().toString()), Map.of(),
                config.kafkaDir(), config.logFile(name()), propertiesFile().toString(), pids, Duration.ofSeconds(30));
        process.start();
        console.info("Kafka starting (pid %d, KRaft broker+controller, data %s)", process.pid(), config.display(dataDir()));
    }

    /** {@code kafka-storage.sh format --standalone} with the stored (or a new) cluster id. */
    private void format() throws IOException, InterruptedException {
        Path idFile = config.kafkaDir().resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString() + "\n");
        }
        String clusterId = Files.readString(idFile).trim();
        console.info("formatting Kafka storage (cluster id %s)", clusterId);
        Process format = new ProcessBuilder(javaCommand(STORAGE_TOOL, "format", "--standalone", "--ignore-formatted",
                "-t", clusterId, "-c", propertiesFile().toString()))
                .directory(config.kafkaDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile(name()).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!format.waitFor(90, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting Kafka storage timed out; see " + config.logFile(name()));
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + format.exitValue() + "); see "
                    + config.logFile(name()));
        }
    }

    /** Port open, then a metadata round trip that lists the broker. */
    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        long deadline = System.nanoTime() + timeout.toNanos();
        Waits.awaitPort("Kafka", StackConfig.KAFKA_PORT, timeout, process::isAlive);
        try (Admin admin = admin()) {
            Waits.await("Kafka broker registration", Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    process::isAlive, () -> {
                        try {
                            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                        } catch (Exception e) {
                            return false;
                        }
                    });
        }
    }

    /**
     * Creates or updates every topic of the catalogue ({@code topics.json}) with the same code as the testkit and
     * the Helm job ({@code platform/topic-provisioner}); returns when every partition has a leader.
     */
    public ProvisioningReport provisionTopics() throws InterruptedException {
        return CatalogueTopics.provision(StackConfig.KAFKA_BOOTSTRAP);
    }

    public static Admin admin() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, StackConfig.KAFKA_BOOTSTRAP);
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
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
