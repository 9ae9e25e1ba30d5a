package com.keystone.crm.systemtest;

import com.keystone.crm.platform.testkit.CdcRelayProcess;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.S3ProxyServer;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.tools.localstack.DemoUser;
import com.keystone.crm.tools.localstack.GatewaySeeder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole product, started once per test JVM and shared by every scenario: the testkit's PostgreSQL, Kafka and
 * s3proxy, one CDC relay streaming all six outboxes, the provider fakes and the MLS simulator in this JVM
 * ({@link Providers}), and the six packaged service jars as child processes ({@link ServiceJarProcess}) wired the way
 * the local stack wires them: every service verifies the gateway's tokens against its JWKS, the gateway routes to the
 * others and creates the demo tenant's first admin at start, notification-service sends through the fakes and is
 * called back by them, property-sync-service syncs from the simulator and copies to s3proxy. Production settings
 * otherwise (worker polls, debounces, token lifetime). Stopped by the JVM's shutdown hooks (the testkit's and each
 * process's).
 */
public final class SystemUnderTest {
    public static final String GATEWAY = "api-gateway";
    public static final String LEADS = "lead-service";
    public static final String PROPERTY_SYNC = "property-sync-service";
    public static final String WORKFLOW = "workflow-service";
    public static final String SCORING = "scoring-service";
    public static final String NOTIFICATION = "notification-service";
    public static final List<String> SERVICES = List.of(GATEWAY, LEADS, PROPERTY_SYNC, WORKFLOW, SCORING, NOTIFICATION);
    /** Service boots at once: more only makes two cores thrash. */
    private static final int STARTING_AT_ONCE = 2;
    /** The simulator's OAuth2 client (given in the provider request) and the id of this run's master key. */
    static final String MLS_MASTER_KEY_ID = "system-run";
    static final String MLS_CLIENT_ID = "system-reso-client";
    static final String MLS_CLIENT_SECRET = "system-reso-secret";

    private static SystemUnderTest instance;

    private final CrmTestEnvironment env;
    private final Providers providers;
    private final CdcRelayProcess relay;
    private final Map<String, ServiceJarProcess> services = new LinkedHashMap<>();
    private final Duration bootTime;

    private SystemUnderTest() {
        long t0 = System.nanoTime();
        env = CrmTestEnvironment.get();
        // a process's ports are taken when it is described: every address is known before anything starts
        SERVICES.forEach(s -> services.put(s, ServiceJarProcess.of(s, "system", Map.of(), "256m")));
        providers = Providers.start(service(NOTIFICATION).baseUrl(), MLS_CLIENT_ID, MLS_CLIENT_SECRET);
        services.forEach((name, process) -> configuration(name, process).forEach(process::set));
        relay = env.relayForAll(SERVICES);
        startAll();
        // every service has run its migrations: the relay's connectors (retried with backoff until then) now stream
        relay.awaitStreaming(Duration.ofSeconds(90));
        bootTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    public static synchronized SystemUnderTest get() {
        if (instance == null) {
            instance = new SystemUnderTest();
            Figures.record("boot: infrastructure, fakes, relay and six services ready", instance.bootTime);
        }
        return instance;
    }

    public ServiceJarProcess service(String name) {
        return services.get(name);
    }

    public String gatewayUrl() {
        return service(GATEWAY).baseUrl();
    }

    public Providers providers() {
        return providers;
    }

    public CdcRelayProcess relay() {
        return relay;
    }

    /** From the first call of {@link #get()} to every service ready. */
    public Duration bootTime() {
        return bootTime;
    }

    /** Fresh access tokens of the demo admin and agent (the gateway's last 5 minutes): the local stack's seeding. */
    public Map<DemoUser, String> login() {
        try {
            return new GatewaySeeder(gatewayUrl()).seed();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startAll() {
        ExecutorService pool = Executors.newFixedThreadPool(STARTING_AT_ONCE);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (ServiceJarProcess p : services.values()) {
                started.add(pool.submit(() -> p.start("run-1")));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a service did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the local stack gives each service beyond the testkit's database, Kafka and token issuer settings. */
    private Map<String, String> configuration(String name, ServiceJarProcess process) {
        Map<String, String> c = new LinkedHashMap<>();
        // the gateway's tokens, verified against its JWKS by every service (the gateway included)
        c.put("mp.jwt.verify.publickey.location", gatewayUrl() + "/.well-known/jwks.json");
        // six JVMs booting beside the test's PostgreSQL: Flyway's first connection may take longer than the 5 s default
        // (seen at load 50: lead-service gave up on "Acquisition timeout" and exited)
        c.put("quarkus.datasource.jdbc.acquisition-timeout", "PT60S");
        switch (name) {
            case GATEWAY -> {
                c.put("crm.bootstrap.tenant-id", DemoUser.TENANT);
                c.put("crm.bootstrap.tenant-name", "Demo Brokerage");
                c.put("crm.bootstrap.admin-email", DemoUser.ADMIN.email());
                c.put("crm.bootstrap.admin-password", GatewaySeeder.ADMIN_PASSWORD);
                services.forEach((s, p) -> {
                    if (!s.equals(GATEWAY)) {
                        c.put("crm.gateway.services." + s + ".url", p.baseUrl());
                    }
                });
                // the scenarios poll through the gateway (a lead's score, an enrollment's state) as one user
                c.put("crm.rate.per-user-per-minute", "100000");
                c.put("crm.rate.per-ip-per-minute", "100000");
                // every scenario logs the demo users in again from 127.0.0.1 (tokens last 5 minutes)
                c.put("crm.login.attempts-per-ip-per-minute", "1000");
            }
            case PROPERTY_SYNC -> {
                S3ProxyServer s3 = env.s3();
                c.put("crm.media.endpoint", s3.endpoint().toString());
                c.put("crm.media.access-key", S3ProxyServer.ACCESS_KEY);
                c.put("crm.media.secret-key", S3ProxyServer.SECRET_KEY);
                c.put("crm.media.bucket", "system-test-media");
                // credentials given through the provider API are sealed with this run's master key
                c.put("crm.mls.secrets.keys", MLS_MASTER_KEY_ID + ":" + randomKey());
                c.put("crm.mls.secrets.active-key", MLS_MASTER_KEY_ID);
                // the simulator runs on this machine: its host is allow-listed, as the local stack does
                c.put("crm.mls.allowed-private-hosts", "localhost,127.0.0.1");
                c.put("crm.sync.poll-interval", "PT0.5S");
            }
            case NOTIFICATION -> {
                c.put("crm.notify.public-base-url", process.baseUrl());
                c.putAll(providers.notificationConfig());
            }
            case WORKFLOW -> {
                // the dry run asks notification-service when each planned message would really go out
                c.put("crm.workflow.notification.url", services.get(NOTIFICATION).baseUrl());
            }
            default -> {
                // lead-service, scoring-service: their defaults
            }
        }
        return c;
    }

    /** 32 random bytes, base64: a master key for this run only. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
}
