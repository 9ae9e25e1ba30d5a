package com.keystone.crm.gateway;

import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.S3ProxyServer;
import com.keystone.crm.platform.testkit.TestPostgres;

import java.io.IOException;
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

import static org.awaitility.Awaitility.await;

/**
 * Boots the packaged jars of the gateway's services ({@code <service>/target/quarkus-app/quarkus-run.jar}) as child
 * processes on the ports the gateway routes to ({@link GatewayTestResource#SERVICE_PORTS}), with one environment
 * that fits every service (its own database, Kafka, the gateway's JWKS, S3, the loopback MLS allow-list). A service
 * whose module is not packaged is skipped and reported; a new service needs no change here.
 */
public final class ServiceProcesses implements AutoCloseable {
    /** One running service: where it answers and where its management interface is. */
    public record Running(String name, int port, int managementPort, Process process) {
        public String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private final Map<String, Running> running = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    /** Starts every packaged service of the route table, the gateway's JWKS at {@code gatewayPort}. */
    public static ServiceProcesses startAll(int gatewayPort) throws IOException {
        ServiceProcesses all = new ServiceProcesses();
        for (Map.Entry<String, Integer> s : GatewayTestResource.SERVICE_PORTS.entrySet()) {
            all.start(s.getKey(), s.getValue(), gatewayPort);
        }
        all.awaitReady();
        return all;
    }

    public Map<String, Running> running() {
        return running;
    }

    public List<String> skipped() {
        return skipped;
    }

    private void start(String service, int port, int gatewayPort) throws IOException {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        Path jar = env.projectRoot().resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            skipped.add(service);
            return;
        }
        env.postgres().ensureDatabase(service);
        S3ProxyServer s3 = env.s3();
        int management = GatewayTestResource.freePort();
        Path log = env.projectRoot().resolve("api-gateway/target/" + service + "-fuzz.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar", jar.toString())
                .directory(env.projectRoot().resolve(service).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = pb.environment();
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        e.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        e.put("QUARKUS_DATASOURCE_REACTIVE_URL", env.postgres().reactiveUrl(service));
        e.put("QUARKUS_DATASOURCE_JDBC_URL", env.postgres().jdbcUrl(service));
        e.put("QUARKUS_DATASOURCE_USERNAME", TestPostgres.USER);
        e.put("QUARKUS_DATASOURCE_PASSWORD", TestPostgres.PASSWORD);
        e.put("KAFKA_BOOTSTRAP_SERVERS", env.kafka().bootstrapServers());
        e.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://localhost:" + gatewayPort + "/.well-known/jwks.json");
        e.put("CRM_S3_ENDPOINT", s3.endpoint().toString());
        e.put("CRM_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
        e.put("CRM_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
        e.put("CRM_MLS_ALLOWED_PRIVATE_HOSTS", "localhost,127.0.0.1");
        Process process = pb.start();
        // a test JVM that ends abruptly must not leave the service behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, service + "-stop"));
        running.put(service, new Running(service, port, management, process));
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        for (Running r : running.values()) {
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!r.process().isAlive()) {
                    throw new IllegalStateException(r.name() + " exited; see api-gateway/target/" + r.name() + "-fuzz.log");
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + r.managementPort() + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Running r : running.values()) {
            r.process().destroy();
        }
        for (Running r : running.values()) {
            r.process().waitFor();
        }
        running.clear();
    }
}
