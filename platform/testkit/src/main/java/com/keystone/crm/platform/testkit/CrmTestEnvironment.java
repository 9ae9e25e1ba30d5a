package com.keystone.crm.platform.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * The real infrastructure of a test JVM, started once and shared by every test class: PostgreSQL,
 * a KRaft Kafka broker and the CDC relay process for the service under test. Stopped by a shutdown hook.
 */
public final class CrmTestEnvironment {
    private static CrmTestEnvironment instance;

    private static final System.Logger LOG = System.getLogger(CrmTestEnvironment.class.getName());

    private final Path root;
    private final Backends backends;
    private final TestPostgres postgres;
    private final TestKafka kafka;
    private CdcRelayProcess relay;
    private final Map<String, CdcRelayProcess> extraRelays = new java.util.HashMap<>();
    private String relayService;
    private S3ProxyServer s3;

    private CrmTestEnvironment() {
        this.root = findRoot();
        this.backends = Backends.select();
        LOG.log(System.Logger.Level.INFO, "crm testkit: " + backends.reason());
        this.postgres = TestPostgres.start(backends);
        try {
            this.kafka = TestKafka.start(backends);
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "crm-testkit-stop"));
    }

    public static synchronized CrmTestEnvironment get() {
        if (instance == null) {
            instance = new CrmTestEnvironment();
        }
        return instance;
    }

    public TestPostgres postgres() {
        return postgres;
    }

    public TestKafka kafka() {
        return kafka;
    }

    /** Embedded or Testcontainers backends, and why (also logged once at start). */
    public Backends backends() {
        return backends;
    }

    public Path projectRoot() {
        return root;
    }

    /** The relay for one service's database (connector {@code <service>-outbox} in deploy/connect). */
    public synchronized CdcRelayProcess relayFor(String service) {
        if (relay != null && !relayService.equals(service)) {
            throw new IllegalStateException("this JVM's relay streams " + relayService + ", not " + service);
        }
        if (relay == null) {
            relayService = service;
            relay = newRelay(service + "-outbox");
            relay.start();
        }
        return relay;
    }

    /**
     * A relay of its own for another service's database, beside this JVM's {@link #relayFor} relay: for a test that
     * runs that service as a child process and follows its events (the gateway's end-to-end trace test).
     */
    public synchronized CdcRelayProcess extraRelayFor(String service) {
        return extraRelays.computeIfAbsent(service, s -> {
            CdcRelayProcess r = newRelay(s + "-outbox");
            r.start();
            return r;
        });
    }

    /**
     * One relay streaming the outboxes of several services' databases (connectors {@code <service>-outbox}): for a
     * system test that runs all services as processes, where a relay per service would cost a JVM each.
     */
    public synchronized CdcRelayProcess relayForAll(java.util.List<String> services) {
        return extraRelays.computeIfAbsent(String.join(",", services), key -> {
            CdcRelayProcess r = newRelay(services.stream().map(s -> s + "-outbox").collect(java.util.stream.Collectors.joining(",")));
            r.start();
            return r;
        });
    }

    /** A relay (not started) for these connectors ({@code RELAY_CONNECTORS}, comma-separated) on this JVM's backends. */
    private CdcRelayProcess newRelay(String connectors) {
        return new CdcRelayProcess(root, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "CRM_DB_HOST", postgres.host(),
                "CRM_DB_PORT", Integer.toString(postgres.port()),
                "CRM_DB_USER", TestPostgres.USER,
                "CRM_DB_PASSWORD", TestPostgres.PASSWORD,
                "RELAY_CONNECTORS", connectors));
    }

    public synchronized CdcRelayProcess relay() {
        if (relay == null) {
            throw new IllegalStateException("no relay started: call relayFor(service) first");
        }
        return relay;
    }

    public synchronized S3ProxyServer s3() {
        if (s3 == null) {
            s3 = S3ProxyServer.start(backends);
        }
        return s3;
    }

    private synchronized void stopAll() {
        extraRelays.values().forEach(CdcRelayProcess::stopAndClean);
        if (relay != null) {
            relay.stopAndClean();
        }
        if (s3 != null) {
            s3.stop();
        }
        kafka.stop();
        postgres.stop();
    }

    /** The repository root: the crm.root system property set by the build, else the first parent with deploy/connect. */
    static Path findRoot() {
        String configured = System.getProperty("crm.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Paths.get(configured, "deploy", "connect"))) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/connect")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (no deploy/connect above " + Paths.get("").toAbsolutePath() + ")");
    }
}
