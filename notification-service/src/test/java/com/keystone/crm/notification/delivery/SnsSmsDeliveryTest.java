package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.tools.fakes.FailureMode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS through Amazon SNS (the AWS SDK against the SES/SNS fake) as the second SMS provider. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SnsSmsDeliveryTest {
    final TestProviders providers = TestProviders.get();

    @AfterEach
    void clearFaults() {
        providers.aws.clearFaults();
        providers.twilioA.clearFaults();
    }

    static String tenant(String chain) {
        String tenant = "sns-sms-" + UUID.randomUUID().toString().substring(0, 8);
        Db.rows("INSERT INTO tenant_settings (tenant_id, sms_providers, updated_at) VALUES (?, ?, now()) RETURNING tenant_id",
                tenant, chain);
        return tenant;
    }

    static String number() {
        return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    @Test
    void twilioDownFailsOverToSns() {
        String tenant = tenant("twilio-a,sns-a");
        providers.twilioA.failAlways(FailureMode.SERVICE_UNAVAILABLE);
        String to = number();
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(providers.aws.smsTo(to)).hasSize(1);
        assertThat(providers.aws.smsTo(to).get(0).message()).isEqualTo("Hi, a new listing matches your search");
        assertThat(providers.aws.smsTo(to).get(0).smsType()).isEqualTo("Transactional");
        assertThat(Requests.attempts(id)).last().isEqualTo("sns-a:accepted");
        assertThat(Requests.attempts(id)).first().asString().startsWith("twilio-a:provider-fault");
        assertThat(Requests.column("provider_message_id", id)).isEqualTo(providers.aws.smsTo(to).get(0).messageId());
    }

    @Test
    void anSnsOutageFailsOverToTwilioAndAnInvalidNumberDoesNot() {
        String tenant = tenant("sns-a,twilio-b");
        providers.aws.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        String to = number();
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(tenant, requestId, to, "transactional").build());
        UUID id = Requests.awaitStatus(tenant, requestId, "sent", "delivered");
        assertThat(Requests.attempts(id)).containsExactly("sns-a:provider-fault", "twilio-b:accepted");
        assertThat(providers.twilioB.messagesTo(to)).hasSize(1);
        assertThat(providers.aws.smsTo(to)).isEmpty();
    }

    @Test
    void aNumberOnTheSnsOptOutListIsSuppressedNotSentElsewhere() {
        String tenant = tenant("sns-a,twilio-b");
        String to = number();
        providers.aws.optOut(to);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(tenant, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "failed");
        assertThat(Requests.column("failure_reason", id)).isEqualTo("suppressed");
        assertThat(Requests.attempts(id)).containsExactly("sns-a:recipient-fault");
        assertThat(providers.twilioB.messagesTo(to)).isEmpty();
        assertThat(providers.aws.smsTo(to)).isEmpty();
        assertThat(Db.one("SELECT purpose FROM suppression WHERE tenant_id = ? AND address = ?", tenant, to)).isEqualTo("all");
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(failed);
    }
}
