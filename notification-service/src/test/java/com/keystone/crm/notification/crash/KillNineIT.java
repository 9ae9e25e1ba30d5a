package com.keystone.crm.notification.crash;

import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestJwks;
import com.keystone.crm.platform.testkit.TestPostgres;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import com.keystone.crm.tools.fakes.twilio.TwilioMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service, killed with SIGKILL while messages flow, twice: once at a random moment and once while a
 * provider call is in flight that the Twilio fake has already accepted (its answer never comes). After each restart
 * every request is sent, and the fake holds exactly one message per request: none lost, none duplicated.
 */
class KillNineIT {
    static final int REQUESTS = 300;
    static final String TENANT = "crash";
    static Process service;
    static TwilioFake twilio;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    void exactlyOneMessagePerRequestAcrossKillNine() throws Exception {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        env.postgres().ensureDatabase("notification-service");
        int port = freePort();
        twilio = TwilioFake.builder().deliveryDelay(Duration.ofMillis(20)).start();

        List<String> numbers = new ArrayList<>();
        publish(0, REQUESTS / 2, numbers);

        service = start(env, port, "run-1");
        await().atMost(Duration.ofMinutes(3)).until(() -> outbound().size() >= REQUESTS / 8);
        service.destroyForcibly().waitFor(); // SIGKILL at a random moment of the flow

        service = start(env, port, "run-2");
        await().alias("the first half sent").atMost(Duration.ofMinutes(3)).until(() -> sent() == REQUESTS / 2);
        // the next create is accepted by the fake and never answered: the worker waits on it; kill it then. No status
        // callbacks meanwhile: one would prove the acceptance and settle the attempt (as it should), and the restarted
        // service is to find it in the provider's message list instead
        twilio.autoDeliver(false);
        twilio.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        publish(REQUESTS / 2, REQUESTS, numbers);
        await().alias("the unanswered create").atMost(Duration.ofMinutes(1)).until(() -> outbound().size() == REQUESTS / 2 + 1);
        await().alias("an attempt pending at the kill").atMost(Duration.ofSeconds(30)).until(() -> pending() == 1);
        service.destroyForcibly().waitFor();
        twilio.clearFaults();

        service = start(env, port, "run-3");
        await().alias("every request sent").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sent() == REQUESTS);

        Map<String, Long> perNumber = outbound().stream().collect(Collectors.groupingBy(TwilioMessage::to, Collectors.counting()));
        assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(perNumber.values()).allMatch(n -> n == 1L);
        assertThat(outbound()).hasSize(REQUESTS);
        // the attempt the kill left pending was reconciled from the provider's list, not sent again
        assertThat(count("SELECT count(*) FROM delivery_attempt WHERE outcome = 'pending'")).isZero();
        assertThat(count("SELECT count(*) FROM delivery_attempt WHERE outcome = 'accepted'")).isEqualTo(REQUESTS);
    }

    static void publish(int from, int to, List<String> numbers) {
        for (int i = from; i < to; i++) {
            String number = String.format("+1202555%04d", i);
            numbers.add(number);
            NotificationRequested request = NotificationRequested.builder().withRequestId(UUID.randomUUID())
                    .withTenantId(TENANT).withVersion(1L).withOccurredAt(Instant.now()).withChannel(Channel.SMS)
                    .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                    .withRecipient(Recipient.builder().withKind(Recipient.Kind.ADDRESS).withPhone(number).build())
                    .withBody("Your showing #" + i + " is confirmed").withRequestedBy("workflow:crash-test").build();
            KafkaEvents.publish(request.getRequestId().toString(), UUID.randomUUID(), "/workflow-service", request);
        }
    }

    static List<TwilioMessage> outbound() {
        return twilio.messages().stream().filter(m -> "outbound-api".equals(m.direction())).toList();
    }

    static long pending() throws SQLException {
        return count("SELECT count(*) FROM delivery_attempt WHERE outcome = 'pending'");
    }

    static long sent() throws SQLException {
        return count("SELECT count(*) FROM notification WHERE tenant_id = '" + TENANT + "' AND status IN ('sent', 'delivered')");
    }

    static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(CrmTestEnvironment.get().postgres().jdbcUrl("notification-service"),
                TestPostgres.USER, TestPostgres.PASSWORD); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return 0; // not migrated yet
            }
            throw e;
        }
    }

    static Process start(CrmTestEnvironment env, int port, String run) throws IOException {
        Path root = env.projectRoot().resolve("notification-service");
        Path jar = root.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the service must be packaged before this test (mvn verify runs it after package)").exists();
        Path log = root.resolve("target/kill-nine-" + run + ".log");
        Function<String, String> p = name -> "-Dcrm.notify.providers.twilio." + name;
        int managementPort = freePort(); // health is on the management interface (chassis)
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.reactive.url=" + env.postgres().reactiveUrl("notification-service"),
                "-Dquarkus.datasource.jdbc.url=" + env.postgres().jdbcUrl("notification-service"),
                "-Dquarkus.datasource.username=" + TestPostgres.USER,
                "-Dquarkus.datasource.password=" + TestPostgres.PASSWORD,
                "-Dkafka.bootstrap.servers=" + env.kafka().bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + TestJwks.url(),
                "-Dcrm.notify.public-base-url=http://localhost:" + port,
                "-Dcrm.notify.worker.lease=PT3S",
                "-Dcrm.notify.worker.poll-interval=PT0.2S",
                "-Dcrm.notify.worker.retry-backoff=PT1S",
                p.apply("account-sid=" + twilio.accountSid()),
                p.apply("auth-token=" + twilio.authToken()),
                p.apply("base-url=" + twilio.baseUrl()),
                p.apply("rate-per-second=500"),
                p.apply("timeout=PT60S"),
                "-jar", jar.toString()));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(process.isAlive()).as("notification-service exited; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        Files.createDirectories(log.getParent());
        return process;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
