package com.keystone.crm.tools.localstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where everything lives and which ports it uses. All state is under {@code <repo>/.local-stack}, which survives
 * restarts and is wiped only by {@code run reset}.
 */
public record StackConfig(Path root) {
    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int S3_PORT = 9000;
    public static final int RELAY_PORT = 8090;
    public static final int MLS_SIMULATOR_PORT = 8070;

    public static final String PG_USER = "postgres";
    public static final String PG_PASSWORD = "postgres";
    public static final String KAFKA_BOOTSTRAP = "localhost:" + KAFKA_PORT;
    public static final String S3_ENDPOINT = "http://localhost:" + S3_PORT;
    public static final String S3_BUCKET = "crm-media";
    public static final String S3_ACCESS_KEY = "local-access-key";
    public static final String S3_SECRET_KEY = "local-secret-key";
    public static final String JWT_ISSUER = "https://auth.keystone-crm.local";
    public static final String JWT_AUDIENCE = "keystone-crm";
    public static final String JWT_KEY_ID = "local-1";

    public StackConfig {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The repository root: {@code -Dlocalstack.root}, else {@code $LOCAL_STACK_ROOT}, else derived from where this
     * class was loaded ({@code <root>/tools/local-stack/target/local-stack.jar} or {@code .../target/classes}),
     * else the working directory.
     */
    public static Path locateRoot() {
        String explicit = System.getProperty("localstack.root", System.getenv("LOCAL_STACK_ROOT"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        try {
            Path code = Path.of(StackConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("tools/local-stack/pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    public Path dataDir() {
        return root.resolve(".local-stack");
    }

    public Path postgresDir() {
        return dataDir().resolve("postgres");
    }

    public Path kafkaDir() {
        return dataDir().resolve("kafka");
    }

    public Path s3Dir() {
        return dataDir().resolve("s3");
    }

    public Path relayDataDir() {
        return dataDir().resolve("relay");
    }

    public Path logsDir() {
        return dataDir().resolve("logs");
    }

    public Path pidsDir() {
        return dataDir().resolve("pids");
    }

    public Path keysDir() {
        return dataDir().resolve("keys");
    }

    public Path publicKeyFile() {
        return keysDir().resolve("public.pem");
    }

    public Path demoTokensFile() {
        return dataDir().resolve("demo-tokens.env");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    public Path localStackJar() {
        return root.resolve("tools/local-stack/target/local-stack.jar");
    }

    /** The runtime classpath of this module (copied by maven-dependency-plugin), also used for the Kafka process. */
    public Path libDir() {
        return root.resolve("tools/local-stack/target/lib");
    }

    public Path relayJar() {
        return root.resolve("platform/cdc-relay/target/cdc-relay.jar");
    }

    /** The fake MLS ({@code tools/mls-simulator}): its jar, with its runtime classpath in {@code target/lib}. */
    public Path mlsSimulatorJar() {
        return root.resolve("tools/mls-simulator/target/mls-simulator.jar");
    }

    /** The provider fakes ({@code tools/provider-fakes}): its jar, with its runtime classpath in {@code target/lib}. */
    public Path providerFakesJar() {
        return root.resolve("tools/provider-fakes/target/provider-fakes.jar");
    }

    public Path connectDir() {
        return root.resolve("deploy/connect");
    }

    public Path serviceDir(ServiceSpec service) {
        return root.resolve(service.name());
    }

    public Path serviceJar(ServiceSpec service) {
        return serviceDir(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + POSTGRES_PORT + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + POSTGRES_PORT + "/" + database;
    }

    public String relayUrl(String path) {
        return "http://localhost:" + RELAY_PORT + path;
    }

    /** Shows a path relative to the repository root when it is inside it. */
    public String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
