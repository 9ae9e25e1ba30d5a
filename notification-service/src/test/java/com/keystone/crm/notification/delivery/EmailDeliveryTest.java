package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.Mailboxes;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** notification.requested → exactly one email at the SMTP server, notification.delivered on Kafka; failover. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class EmailDeliveryTest {
    static final String TENANT = "acme";
    final TestProviders providers = TestProviders.get();

    @Test
    void aRequestOnKafkaSendsExactlyOneEmailEvenWhenRedelivered() {
        String to = "lead-" + UUID.randomUUID() + "@example.com";
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        NotificationRequested request = Requests.email(TENANT, requestId, to, "transactional").build();
        Requests.publish(request, eventId);
        Requests.publish(request, eventId);              // the same record delivered again
        Requests.publish(request);                       // the same request re-published under a new event id

        UUID id = Requests.awaitStatus(TENANT, requestId, "sent");
        CapturedEvent delivered = KafkaEvents.awaitEvent("notification.delivered", e -> e.key().equals(id.toString()));
        KafkaEvents.assertCloudEvent(delivered, "notification.delivered", "/notification-service");
        KafkaEvents.assertSchemaValid(delivered);
        assertThat(delivered.value().get("requestId").asText()).isEqualTo(requestId.toString());
        assertThat(delivered.value().get("status").asText()).isEqualTo("sent");
        assertThat(delivered.value().get("provider").asText()).isEqualTo("smtp-a");

        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailboxes.to(providers.smtpA, to).size() == 1);
        assertThat(Mailboxes.to(providers.smtpB, to)).isEmpty();
        assertThat(Db.one("SELECT count(*) FROM notification WHERE request_id = ?", requestId)).isEqualTo(1L);
        assertThat(Requests.attempts(id)).containsExactly("smtp-a:accepted");
    }

    @Test
    void aDeadSmtpServerFailsOverToTheNextProvider() throws Exception {
        String tenant = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        Db.rows("INSERT INTO tenant_settings (tenant_id, email_providers, updated_at) VALUES (?, 'smtp-dead,smtp-b', now()) RETURNING tenant_id", tenant);
        String to = "buyer-" + UUID.randomUUID() + "@example.com";
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").withSubject("Your showing").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(Requests.attempts(id)).containsExactly("smtp-dead:provider-fault", "smtp-b:accepted");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Mailboxes.to(providers.smtpB, to).size() == 1);
        MimeMessage mail = Mailboxes.to(providers.smtpB, to).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your showing");
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "@keystone-crm>");
        assertThat(Mailboxes.to(providers.smtpA, to)).isEmpty();
    }

    @Test
    void aRequestWithoutAnAddressForItsChannelFailsAtOnce() {
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(TENANT, requestId, "x@example.com", "transactional")
                .withRecipient(com.keystone.crm.platform.contracts.events.Recipient.builder()
                        .withKind(com.keystone.crm.platform.contracts.events.Recipient.Kind.ADDRESS)
                        .withPhone("+14155550123").build()) // an address, but none for email (a lead or user is looked up)
                .build());
        UUID id = Requests.awaitStatus(TENANT, requestId, "failed");
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(failed);
        assertThat(failed.value().get("reason").asText()).isEqualTo("invalid-address");
        assertThat(failed.value().get("permanent").asBoolean()).isTrue();
    }
}
