package com.keystone.crm.notification.consent;

import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A marketing SMS due at night is held durably until the recipient's morning and then sent (service clock moved). */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class QuietHoursHoldTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    TestClock clock;

    final TestProviders providers = TestProviders.get();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void moveTo(Instant target) {
        clock.advance(Duration.between(clock.instant(), target));
    }

    @Test
    void aMessageAt2230IsHeldTo0800LocalAcrossTheDstChangeAndReleased() {
        moveTo(LocalDateTime.parse("2026-10-31T22:30").atZone(NEW_YORK).toInstant());
        String to = "+1917555" + String.format("%04d", (int) (Math.random() * 10_000));
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms("acme", requestId, to, "marketing")
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.ADDRESS).withPhone(to).withTimezone("America/New_York").build())
                .build());

        UUID id = Requests.awaitStatus("acme", requestId, "held");
        assertThat(Requests.column("hold_reason", id)).isEqualTo("quiet-hours");
        assertThat(Instant.parse(Requests.column("to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", id)))
                .isEqualTo(Instant.parse("2026-11-01T13:00:00Z")); // 08:00 EST, after the clocks went back

        moveTo(Instant.parse("2026-11-01T12:59:00Z")); // 07:59 local: still held
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> "held".equals(Requests.column("status", id)));
        assertThat(providers.twilioA.messagesTo(to)).isEmpty();

        moveTo(Instant.parse("2026-11-01T13:00:01Z"));
        Requests.awaitStatus("acme", requestId, "sent", "delivered");
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
    }

    @Test
    void notBeforeIsHonoured() {
        String to = "+1917555" + String.format("%04d", (int) (Math.random() * 10_000));
        UUID requestId = UUID.randomUUID();
        Instant notBefore = clock.instant().plus(Duration.ofHours(3));
        Requests.publish(Requests.sms("acme", requestId, to, "transactional").withNotBefore(notBefore).build());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(
                com.keystone.crm.notification.Db.one("SELECT status FROM notification WHERE request_id = ?", requestId)));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> providers.twilioA.messagesTo(to).isEmpty());
        clock.advance(Duration.ofHours(3).plusSeconds(1));
        Requests.awaitStatus("acme", requestId, "sent", "delivered");
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
    }
}
