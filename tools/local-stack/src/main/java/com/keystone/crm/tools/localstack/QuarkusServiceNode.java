package com.keystone.crm.tools.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One Quarkus service from its fast-jar ({@code <svc>/target/quarkus-app/quarkus-run.jar}), configured entirely by
 * environment variables (the same names Helm and compose set): port, its database, Kafka, JWT verification, S3.
 */
public final class QuarkusServiceNode implements Component, ServiceWaves.HasSpec {
    static final String PROPERTY_SYNC = "property-sync-service";
    static final String NOTIFICATION = "notification-service";
    private final StackConfig config;
    private final ServiceSpec spec;
    private final PidFiles pids;
    private final Console console;
    private ChildProcess process;
    private boolean hasHealth = true;

    public QuarkusServiceNode(StackConfig config, ServiceSpec spec, PidFiles pids, Console console) {
        this.config = config;
        this.spec = spec;
        this.pids = pids;
        this.console = console;
    }

    @Override
    public String name() {
        return spec.name();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public boolean isBuilt() {
        return Files.isRegularFile(config.serviceJar(spec));
    }

    /** Replaces {@link #DEFAULT_JVM_OPTIONS} for every service, e.g. to compare footprints. */
    static final String JVM_OPTS_ENV = "LOCAL_STACK_SERVICE_JVM_OPTS";

    /**
     * A service on a developer's machine boots often and serves little: C1 only (C2's compile threads compete with
     * six booting services for two cores; C1 code is fast enough for a demo), the serial collector (no GC threads,
     * a smaller heap footprint), smaller thread stacks and code cache. Measured in tools/bench/results/local-stack.md.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m");

    static List<String> jvmOptions(String override) {
        if (override == null || override.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return List.of(override.trim().split("\\s+"));
    }

    static Map<String, String> environment(StackConfig config, ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(spec.managementPort()));
        env.put("QUARKUS_DATASOURCE_USERNAME", StackConfig.PG_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", StackConfig.PG_PASSWORD);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", config.reactiveUrl(spec.database()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(spec.database()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", StackConfig.KAFKA_BOOTSTRAP);
        // with the api-gateway built, every service verifies the gateway's tokens against its JWKS
        ServiceSpec gateway = ServiceSpec.named("api-gateway").orElseThrow();
        boolean gatewayBuilt = Files.isRegularFile(config.serviceJar(gateway));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", gatewayBuilt
                ? gateway.baseUrl() + "/.well-known/jwks.json" : "file:" + config.publicKeyFile());
        if (spec.equals(gateway)) {
            env.putAll(GatewaySeeder.bootstrapEnvironment());
        }
        if (spec.name().equals(NOTIFICATION)) {
            env.putAll(ProviderFakesNode.notificationEnvironment());
        }
        if (spec.name().equals(PROPERTY_SYNC)) {
            env.putAll(DemoMls.credentialsEnvironment());
            // credentials an admin gives through the provider API are sealed with this data directory's key
            env.putAll(MlsMasterKey.environment(config.keysDir()));
            // the demo MLS simulator runs on this machine: its host is allow-listed explicitly
            env.put("CRM_MLS_ALLOWED_PRIVATE_HOSTS", "localhost,127.0.0.1");
        }
        env.put("MP_JWT_VERIFY_ISSUER", StackConfig.JWT_ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", StackConfig.JWT_AUDIENCE);
        if (spec.name().equals(PROPERTY_SYNC)) {
            // only property-sync-service reads S3 settings (listing photos); tools/deploy-check checks that every
            // variable set here is read by the service it is set for
            env.put("CRM_S3_ENDPOINT", StackConfig.S3_ENDPOINT);
            env.put("CRM_S3_BUCKET", StackConfig.S3_BUCKET);
            env.put("CRM_S3_ACCESS_KEY", StackConfig.S3_ACCESS_KEY);
            env.put("CRM_S3_SECRET_KEY", StackConfig.S3_SECRET_KEY);
        }
        return env;
    }

    @Override
    public void start() throws Exception {
        Path jar = config.serviceJar(spec);
        List<String> command = new ArrayList<>();
        command.add(Processes.javaBinary());
        command.addAll(jvmOptions(System.getenv(JVM_OPTS_ENV)));
        command.addAll(List.of("-jar", jar.toString()));
        process = new ChildProcess(name(), command,
                environment(config, spec), config.serviceDir(spec), config.logFile(name()), jar.toString(), pids,
                Duration.ofSeconds(20));
        process.start();
        console.info("%s starting on port %d (pid %d)", name(), spec.port(), process.pid());
    }

    /**
     * 200 on {@code /q/health/ready}; a 404 there means the service has no health extension, and then answering HTTP
     * at all counts as ready.
     */
    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        int status = Waits.awaitHttp(name(), spec.managementUrl() + "/q/health/ready", s -> s == 200 || s == 404, timeout,
                process::isAlive);
        hasHealth = status == 200;
        if (!hasHealth) {
            console.warn("%s has no /q/health/ready (404): treated as ready once it answers HTTP", name());
        }
    }

    public boolean hasHealth() {
        return hasHealth;
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
