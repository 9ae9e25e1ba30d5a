package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.Mailboxes;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attempts whose outcome is unknown at the AWS providers, which offer no lookup of a sent message and no idempotency
 * key: SES took the mail but its answer never came → SES's own tagged event settles it, or, when none comes within
 * the wait, it is given up as unknown and never sent again; an SNS text whose Publish outcome a crash left unknown is
 * never published again (the delivery fails outcome-unknown).
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class UnknownOutcomeTest {
    final TestProviders providers = TestProviders.get();
    SesSnsFake aws;

    @BeforeEach
    void subscribe() {
        aws = providers.sesSubscribed();
        aws.clearFaults();
    }

    @AfterEach
    void events() {
        aws.autoEvents(true);
        aws.clearFaults();
    }

    @Test
    void aMailSesTookWithoutAnsweringIsSettledBySesEventNotSentAgain() {
        String tenant = SesDeliveryTest.tenant("ses-a,smtp-b");
        String to = "unknown-" + UUID.randomUUID() + "@example.com";
        aws.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "delivered");
        assertThat(aws.emailsTo(to)).hasSize(1);
        assertThat(Requests.attempts(id)).containsExactly("ses-a:accepted");
        assertThat(Requests.column("provider_message_id", id)).isEqualTo(aws.emailsTo(to).get(0).messageId());
        assertThat(Mailboxes.to(providers.smtpB, to)).isEmpty();
    }

    @Test
    void aMailWhoseOutcomeSesNeverReportsIsGivenUpAsUnknownNotSentTwice() {
        aws.autoEvents(false);
        String tenant = SesDeliveryTest.tenant("ses-a,smtp-b");
        String to = "silent-" + UUID.randomUUID() + "@example.com";
        aws.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "failed");
        assertThat(Requests.column("failure_reason", id)).isEqualTo("provider-error");
        assertThat(Requests.column("error_code", id)).isEqualTo("outcome-unknown");
        assertThat(Requests.attempts(id)).containsExactly("ses-a:unknown");
        assertThat(aws.emailsTo(to)).hasSize(1); // SES did take it once; it was not sent again, nor through SMTP
        assertThat(Mailboxes.to(providers.smtpB, to)).isEmpty();
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> aws.emailsTo(to).size() == 1 && Requests.attempts(id).size() == 1);
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(failed);
        assertThat(failed.value().get("reason").asText()).isEqualTo("provider-error");
        assertThat(failed.value().get("errorCode").asText()).isEqualTo("outcome-unknown");
    }

    @Test
    void anSnsTextWhoseOutcomeACrashLeftUnknownIsNeverPublishedAgain() {
        String tenant = SnsSmsDeliveryTest.tenant("sns-a,twilio-b");
        String to = SnsSmsDeliveryTest.number();
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(tenant, requestId, to, "transactional")
                .withNotBefore(Instant.now().plus(Duration.ofHours(1))).build());
        UUID id = Requests.awaitStatus(tenant, requestId, "queued");
        Requests.crashedDuringTheCall(id, "sns-a", null);

        Requests.awaitStatus(tenant, requestId, "failed");
        assertThat(Requests.column("error_code", id)).isEqualTo("outcome-unknown");
        assertThat(Requests.attempts(id)).containsExactly("sns-a:unknown");
        assertThat(Db.one("SELECT error_message FROM delivery_attempt WHERE notification_id = ?", id).toString())
                .contains("no idempotency key");
        assertThat(aws.smsTo(to)).isEmpty();
        assertThat(providers.twilioB.messagesTo(to)).isEmpty();
    }
}
