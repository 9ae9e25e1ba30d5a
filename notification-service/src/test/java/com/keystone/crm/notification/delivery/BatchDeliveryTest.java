package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.notification.delivery.service.BatchDelivery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One claimed batch whose deliveries each end their own way: sent, refused by the provider (no failover), failed over
 * after a provider fault, reconciled first (an attempt left pending by a crash), or left alone because another claim
 * took the row over. The batch's shared transactions must not mix them up.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class BatchDeliveryTest {
    static final String OWNER = "batch-instance/delivery/1";
    final TestProviders providers = TestProviders.get();
    @Inject
    BatchDelivery batches;

    @AfterEach
    void clearFaults() {
        providers.twilioA.clearFaults();
        providers.twilioB.clearFaults();
    }

    @Test
    void eachDeliveryOfABatchEndsOnItsOwn() {
        String plain1 = SmsDeliveryTest.number();
        String plain2 = SmsDeliveryTest.number();
        String refused = SmsDeliveryTest.number();
        String failedOver = SmsDeliveryTest.number();
        String crashed = SmsDeliveryTest.number();
        String takenOver = SmsDeliveryTest.number();
        providers.twilioA.rejectRecipient(refused, 21211);
        providers.twilioA.rejectRecipient(failedOver, 20503);
        UUID p1 = leased(plain1, OWNER, false);
        UUID p2 = leased(plain2, OWNER, false);
        UUID r = leased(refused, OWNER, false);
        UUID f = leased(failedOver, OWNER, false);
        UUID c = leased(crashed, OWNER, true);
        UUID t = leased(takenOver, "another-instance/delivery/4", false);

        batches.deliver(List.of(p1, p2, r, f, c, t), OWNER);

        assertThat(providers.twilioA.messagesTo(plain1)).hasSize(1);
        assertThat(providers.twilioA.messagesTo(plain2)).hasSize(1);
        assertThat(Requests.attempts(p1)).containsExactly("twilio-a:accepted");
        assertThat(Requests.attempts(p2)).containsExactly("twilio-a:accepted");
        assertThat(Requests.column("status", p1)).isIn("sent", "delivered");

        assertThat(Requests.attempts(r)).containsExactly("twilio-a:recipient-fault");
        assertThat(providers.twilioB.messagesTo(refused)).isEmpty();
        assertThat(Requests.column("status", r)).isEqualTo("failed");

        assertThat(Requests.attempts(f)).containsExactly("twilio-a:provider-fault", "twilio-b:accepted");
        assertThat(providers.twilioB.messagesTo(failedOver)).hasSize(1);

        // the crash's pending attempt is asked about first (Twilio has no trace of it), then the message goes once
        assertThat(Requests.attempts(c)).containsExactly("twilio-a:not-sent", "twilio-a:accepted");
        assertThat(providers.twilioA.messagesTo(crashed)).hasSize(1);

        // not this claim's any more: no call, no attempt, the row untouched
        assertThat(providers.twilioA.messagesTo(takenOver)).isEmpty();
        assertThat(Requests.attempts(t)).isEmpty();
        assertThat(Requests.column("status", t)).isEqualTo("queued");
        assertThat(Requests.column("lease_owner", t)).isEqualTo("another-instance/delivery/4");

        // every delivery this claim finished is handed back
        for (UUID id : List.of(p1, p2, r, f, c)) {
            assertThat(Requests.column("lease_owner", id)).isNull();
        }
    }

    /**
     * An SMS leased to {@code owner} for an hour (so the running worker leaves it to the test), due now; {@code crashed}:
     * as a killed process leaves it, sending with an attempt pending, in the same statement.
     */
    static UUID leased(String to, String owner, boolean crashed) {
        UUID id = UUID.randomUUID();
        String notification = "INSERT INTO notification (id, tenant_id, request_id, channel, category, recipient_kind, address, "
                + "requested_by, body, sender, status, attempts, due_at, provider, lease_owner, lease_expires_at, created_at, "
                + "updated_at) VALUES (?, 'acme', ?, 'sms', 'transactional', 'address', ?, 'test', 'Open house on Sunday', ?, "
                + (crashed ? "'sending', 1" : "'queued', 0") + ", now() - interval '1 minute', "
                + (crashed ? "'twilio-a'" : "null") + ", ?, now() + interval '1 hour', now(), now()) RETURNING id";
        if (!crashed) {
            Db.rows(notification, id, UUID.randomUUID(), to, TestProviders.OUR_NUMBER, owner);
            return id;
        }
        Db.rows("WITH n AS (" + notification + ") INSERT INTO delivery_attempt (id, notification_id, attempt_no, provider, "
                        + "outcome, started_at) SELECT ?, n.id, 1, 'twilio-a', 'pending', now() - interval '5 seconds' FROM n "
                        + "RETURNING notification_id",
                id, UUID.randomUUID(), to, TestProviders.OUR_NUMBER, owner, UUID.randomUUID());
        return id;
    }
}
