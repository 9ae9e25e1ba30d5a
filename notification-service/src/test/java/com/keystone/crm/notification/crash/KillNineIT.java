package com.keystone.crm.notification.crash;

import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.platform.testkit.TestPostgres;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import com.keystone.crm.tools.fakes.twilio.TwilioMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service (testkit {@link ServiceJarProcess}), killed with SIGKILL while messages flow, twice: once at a
 * random moment and once while a provider call is in flight that the Twilio fake has already accepted (its answer
 * never comes). After each restart every request is sent, and the fake holds exactly one message per request: none
 * lost, none duplicated. Counts are small so that CI stays short (the throughput is measured in tools/bench).
 */
class KillNineIT {
    static final int REQUESTS = 60;
    static final String TENANT = "crash";
    static final String SERVICE = "notification-service";
    static ServiceJarProcess service;
    static TwilioFake twilio;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    void exactlyOneMessagePerRequestAcrossKillNine() throws Exception {
        CrmTestEnvironment.get(); // PostgreSQL and Kafka of this JVM
        // no status callbacks: the count at the provider is what matters, and an acceptance proven by a callback would
        // settle the pending attempt that the restarted service is to reconcile from the provider's message list
        twilio = TwilioFake.builder().autoDeliver(false).start();
        service = ServiceJarProcess.of(SERVICE, "kill-nine", Map.ofEntries(
                Map.entry("crm.notify.worker.lease", "PT8S"),
                Map.entry("crm.notify.worker.poll-interval", "PT0.2S"),
                Map.entry("crm.notify.worker.retry-backoff", "PT1S"),
                Map.entry("crm.notify.providers.twilio.account-sid", twilio.accountSid()),
                Map.entry("crm.notify.providers.twilio.auth-token", twilio.authToken()),
                Map.entry("crm.notify.providers.twilio.base-url", twilio.baseUrl()),
                Map.entry("crm.notify.providers.twilio.rate-per-second", "500"),
                Map.entry("crm.notify.providers.twilio.timeout", "PT60S"))).quickConsumerFailover();

        List<String> numbers = new ArrayList<>();
        publish(0, REQUESTS / 2, numbers);

        service.start("run-1");
        await().atMost(Duration.ofMinutes(2)).until(() -> outbound().size() >= REQUESTS / 8);
        service.kill(); // SIGKILL at a random moment of the flow

        service.start("run-2");
        await().alias("the first half sent").atMost(Duration.ofMinutes(2)).until(() -> sent() == REQUESTS / 2);
        // the second half but one is consumed and sent; the last request's create is accepted by the fake and never
        // answered: its worker thread waits on it; kill the service then, within the lease (past it, another thread
        // would reconcile it). Nothing is left unconsumed on Kafka: the restarted service's consumer would wait for
        // the dead one's session to end first. The restarted service is to find it in the provider's message list
        publish(REQUESTS / 2, REQUESTS - 1, numbers);
        await().alias("all but the last sent").atMost(Duration.ofMinutes(2)).until(() -> sent() == REQUESTS - 1);
        twilio.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        publish(REQUESTS - 1, REQUESTS, numbers);
        await().alias("the unanswered create pending").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> outbound().size() == REQUESTS && pending() == 1);
        service.kill();
        twilio.clearFaults();

        service.start("run-3");
        await().alias("every request sent").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
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
}
