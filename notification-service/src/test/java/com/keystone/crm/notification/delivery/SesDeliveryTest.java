package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.Mailboxes;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.aws.SesEmail;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email through Amazon SES v2 (the AWS SDK against the SES/SNS fake): as the primary provider, behind SMTP, as the
 * failover target; SES's delivery, bounce and complaint notifications arriving signed through SNS.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SesDeliveryTest {
    final TestProviders providers = TestProviders.get();
    SesSnsFake aws;

    @BeforeEach
    void subscribe() {
        aws = providers.sesSubscribed();
        aws.clearFaults();
    }

    static String tenant(String chain) {
        String tenant = "ses-" + UUID.randomUUID().toString().substring(0, 8);
        Db.rows("INSERT INTO tenant_settings (tenant_id, email_providers, updated_at) VALUES (?, ?, now()) RETURNING tenant_id",
                tenant, chain);
        return tenant;
    }

    @Test
    void sesAsPrimarySendsOneMailTaggedWithTheDeliveryAndItsDeliveryNotificationConfirmsIt() {
        String tenant = tenant("ses-a,smtp-b");
        String to = "buyer-" + UUID.randomUUID() + "@example.com";
        UUID requestId = UUID.randomUUID();
        var request = Requests.email(tenant, requestId, to, "marketing").withSubject("New listings").build();
        Requests.publish(request);
        Requests.publish(request); // re-published: still one mail

        UUID id = Requests.awaitStatus(tenant, requestId, "delivered");
        assertThat(aws.emailsTo(to)).hasSize(1);
        SesEmail mail = aws.emailsTo(to).get(0);
        assertThat(mail.subject()).isEqualTo("New listings");
        assertThat(mail.tags()).containsEntry("deliveryId", id.toString());
        assertThat(mail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(mail.headers().get("List-Unsubscribe")).startsWith("<" + providers.baseUrl() + "/unsubscribe?t=");
        assertThat(mail.text()).contains("Unsubscribe: ");
        assertThat(Requests.attempts(id)).containsExactly("ses-a:accepted");
        assertThat(Requests.column("provider_message_id", id)).isEqualTo(mail.messageId());

        CapturedEvent delivered = KafkaEvents.awaitEvent("notification.delivered",
                e -> e.key().equals(id.toString()) && "delivered".equals(e.value().get("status").asText()));
        KafkaEvents.assertSchemaValid(delivered);
        assertThat(delivered.value().get("provider").asText()).isEqualTo("ses-a");
        assertThat(delivered.value().get("providerMessageId").asText()).isEqualTo(mail.messageId());
        assertThat(Mailboxes.to(providers.smtpB, to)).isEmpty();
    }

    @Test
    void sesBehindSmtpTakesOverWhenSmtpIsDown() {
        String tenant = tenant("smtp-dead,ses-a");
        String to = "seller-" + UUID.randomUUID() + "@example.com";
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "sent", "delivered");
        assertThat(Requests.attempts(id)).containsExactly("smtp-dead:provider-fault", "ses-a:accepted");
        assertThat(aws.emailsTo(to)).hasSize(1);
        assertThat(aws.emailsTo(to).get(0).headers()).doesNotContainKey("List-Unsubscribe"); // transactional
    }

    @Test
    void anSesOutageFailsOverToSmtp() {
        String tenant = tenant("ses-a,smtp-b");
        String to = "renter-" + UUID.randomUUID() + "@example.com";
        aws.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(Requests.attempts(id)).containsExactly("ses-a:provider-fault", "smtp-b:accepted");
        assertThat(Db.one("SELECT error_code FROM delivery_attempt WHERE notification_id = ? AND attempt_no = 1", id))
                .isEqualTo("ServiceUnavailable");
        assertThat(aws.emailsTo(to)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Mailboxes.to(providers.smtpB, to).size() == 1);
    }

    @Test
    void aHardBounceSuppressesTheAddressAndFailsTheDelivery() {
        String tenant = tenant("ses-a");
        String to = "gone-" + UUID.randomUUID() + "@example.com";
        aws.bounce(to, true);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "failed");
        assertThat(Requests.column("failure_reason", id)).isEqualTo("bounced");
        assertThat(Requests.column("error_code", id)).isEqualTo("5.1.1");
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(failed);
        assertThat(failed.value().get("reason").asText()).isEqualTo("bounced");
        assertThat(failed.value().get("provider").asText()).isEqualTo("ses-a");
        assertThat(Db.one("SELECT purpose FROM suppression WHERE tenant_id = ? AND address = ?", tenant, to)).isEqualTo("all");
        CapturedEvent optedOut = KafkaEvents.awaitEvent("contact.opted-out",
                e -> to.equals(e.value().get("address").asText()));
        KafkaEvents.assertSchemaValid(optedOut);

        // nothing more goes to that address, not even transactional mail
        UUID next = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, next, to, "transactional").build());
        UUID nextId = Requests.awaitStatus(tenant, next, "failed");
        assertThat(Requests.column("failure_reason", nextId)).isEqualTo("suppressed");
        assertThat(aws.emailsTo(to)).hasSize(1);
    }

    @Test
    void aTransientBounceFailsTheDeliveryWithoutSuppressing() {
        String tenant = tenant("ses-a");
        String to = "full-" + UUID.randomUUID() + "@example.com";
        aws.bounce(to, false);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "failed");
        assertThat(Requests.column("failure_reason", id)).isEqualTo("bounced");
        assertThat(Db.count("SELECT count(*) FROM suppression WHERE tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aComplaintSuppressesMarketingMailOnly() {
        String tenant = tenant("ses-a");
        String to = "angry-" + UUID.randomUUID() + "@example.com";
        aws.complain(to);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "marketing").build());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT count(*) FROM suppression WHERE tenant_id = ? AND address = ?", tenant, to) == 1);
        assertThat(Db.rows("SELECT purpose, source FROM suppression WHERE tenant_id = ?", tenant))
                .containsExactly(java.util.Map.of("purpose", "marketing", "source", "spam-complaint"));
        CapturedEvent optedOut = KafkaEvents.awaitEvent("contact.opted-out", e -> to.equals(e.value().get("address").asText()));
        assertThat(optedOut.value().get("source").asText()).isEqualTo("spam-complaint");
        UUID id = Requests.awaitStatus(tenant, requestId, "delivered");
        assertThat(id).isNotNull();

        UUID marketing = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, marketing, to, "marketing").build());
        assertThat(Requests.column("failure_reason", Requests.awaitStatus(tenant, marketing, "failed"))).isEqualTo("suppressed");
        UUID reset = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, reset, to, "transactional").withSubject("Reset your password").build());
        Requests.awaitStatus(tenant, reset, "sent", "delivered");
        assertThat(aws.emailsTo(to)).hasSize(2);
    }
}
