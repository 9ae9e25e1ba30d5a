package com.keystone.crm.tools.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.tools.mlssimulator.MlsSimulatorMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real simulator as a child process with the demo feed and credentials, started and stopped like the stack does. */
class MlsSimulatorNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path root;
    private MlsSimulatorNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop();
        }
    }

    /** java -cp <the simulator's classes and Jackson> MlsSimulatorMain: the jar's manifest does the same. */
    private static List<String> launcher() throws URISyntaxException {
        String cp = String.join(File.pathSeparator, Stream.of(MlsSimulatorMain.class, ObjectMapper.class,
                        com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)
                .map(MlsSimulatorNodeTest::codeSource).distinct().toList());
        return List.of(Processes.javaBinary(), "-Xmx128m", "-cp", cp, MlsSimulatorNode.MAIN_CLASS);
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesTheDemoFeedWithTheDemoCredentialsAndStopsCleanly() throws Exception {
        StackConfig config = new StackConfig(root);
        PidFiles pids = new PidFiles(config.pidsDir());
        int port = freePort();
        node = new MlsSimulatorNode(config, pids, Console.stdout(), launcher(), MlsSimulatorNode.MAIN_CLASS, port);

        node.start();
        node.awaitReady(Duration.ofSeconds(30));

        assertThat(pids.read(MlsSimulatorNode.NAME)).hasValueSatisfying(p -> assertThat(p.isRunning()).isTrue());
        assertThat(config.logFile(MlsSimulatorNode.NAME)).exists();
        // RESO: the demo OAuth2 client gets a token, and the feed has the demo size
        String token = JSON.readTree(post(DemoMls.oauthTokenUrl(port), DemoMls.RESO_CLIENT_ID, DemoMls.RESO_CLIENT_SECRET).body())
                .path("access_token").asText();
        assertThat(token).isNotBlank();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(DemoMls.resoServiceRoot(port)
                        + "/Property?$top=5&$count=true")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.path("value")).hasSize(5);
        assertThat(body.path("@odata.count").asInt()).isEqualTo(DemoMls.LISTINGS);
        // a wrong client secret is refused: the credentials really are the demo ones
        assertThat(post(DemoMls.oauthTokenUrl(port), DemoMls.RESO_CLIENT_ID, "wrong").statusCode()).isEqualTo(401);

        node.stop();

        assertThat(node.exited()).hasValueSatisfying(f -> assertThat(f).succeedsWithin(Duration.ofSeconds(5)));
        assertThat(pids.read(MlsSimulatorNode.NAME)).isEmpty();
        assertThat(Waits.portOpen(port)).isFalse();
    }

    @Test
    void theStackRunsTheBuiltJarWithTheDemoFeedOnItsFixedPort() {
        StackConfig config = new StackConfig(root);
        MlsSimulatorNode fromJar = new MlsSimulatorNode(config, new PidFiles(config.pidsDir()), Console.stdout());

        assertThat(fromJar.isBuilt()).isFalse();
        assertThat(fromJar.port()).isEqualTo(StackConfig.MLS_SIMULATOR_PORT);
        assertThat(fromJar.command()).containsSubsequence("-jar", root.resolve("tools/mls-simulator/target/mls-simulator.jar").toString())
                .containsSubsequence("--port", "8070")
                .containsSubsequence("--listings", "300")
                .containsSubsequence("--photos", "3")
                .containsSubsequence("--seed", "42")
                .containsSubsequence("--mutate-every", DemoMls.MUTATE_EVERY)
                .containsSubsequence("--rets-user", DemoMls.RETS_USER);
    }

    private HttpResponse<String> post(String url, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
