package com.keystone.crm.notification.contact;

import com.keystone.crm.notification.Mailboxes;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserRole;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that name only their recipient (recipient.kind lead or user, as workflow-service sends them) go to the
 * contact's current primary email or phone, from lead.created/lead.updated and user.created: the newest version wins,
 * a request that overtakes its lead's event waits for it, a lead without a phone fails invalid-address.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class ContactResolutionTest {
    final TestProviders providers = TestProviders.get();
    final String tenant = "contacts-" + UUID.randomUUID().toString().substring(0, 8);

    static String number() {
        return "+1202555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    void leadCreated(UUID leadId, String email, String phone) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withStatus(LeadStatus.NEW).withSource("zillow").withCreatedBy("ingestion").withFirstName("Dana")
                .withLastName("Doe").withEmails(email == null ? List.of() : List.of(email))
                .withPhones(phone == null ? List.of() : List.of(phone)).withTimezone("America/Chicago").build());
    }

    void leadUpdated(UUID leadId, long version, String phone) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadUpdated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(version).withOccurredAt(Instant.now())
                .withChangedFields(Set.of("phones")).withUpdatedBy("agent-1").withPhones(List.of(phone)).build());
    }

    NotificationRequested.NotificationRequestedBuilderBase<? extends NotificationRequested> toLead(UUID requestId, UUID leadId,
                                                                                                   Channel channel) {
        return NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(channel)
                .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.LEAD).withLeadId(leadId).build())
                .withSubject("Welcome").withBody("Thanks for your interest, Dana").withRequestedBy("workflow:wf-1");
    }

    @Test
    void aLeadsEmailAndPhoneComeFromItsEventsAndTheNewestVersionWins() {
        UUID leadId = UUID.randomUUID();
        String email = "dana-" + UUID.randomUUID() + "@example.com";
        String oldPhone = number();
        String newPhone = number();
        leadCreated(leadId, email.toUpperCase(), oldPhone);
        UUID mail = UUID.randomUUID();
        Requests.publish(toLead(mail, leadId, Channel.EMAIL).build());
        UUID mailId = Requests.awaitStatus(tenant, mail, "sent", "delivered");
        assertThat(Requests.column("address", mailId)).isEqualTo(email);
        assertThat(Requests.column("recipient_timezone", mailId)).isEqualTo("America/Chicago");
        assertThat(Mailboxes.to(providers.smtpA, email)).hasSize(1);

        leadUpdated(leadId, 3, newPhone);
        leadUpdated(leadId, 2, oldPhone); // late and older: ignored
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> newPhone.equals(com.keystone.crm.notification.Db.one(
                "SELECT phone FROM contact WHERE tenant_id = ? AND ref_id = ?", tenant, leadId.toString())));
        UUID text = UUID.randomUUID();
        Requests.publish(toLead(text, leadId, Channel.SMS).build());
        UUID textId = Requests.awaitStatus(tenant, text, "sent", "delivered");
        assertThat(Requests.column("address", textId)).isEqualTo(newPhone);
        assertThat(providers.twilioA.messagesTo(newPhone)).hasSize(1);
        assertThat(providers.twilioA.messagesTo(oldPhone)).isEmpty();
    }

    @Test
    void aRequestThatOvertakesItsLeadWaitsForItAndALeadWithoutAPhoneFails() {
        UUID early = UUID.randomUUID();
        String phone = number();
        UUID request = UUID.randomUUID();
        Requests.publish(toLead(request, early, Channel.SMS).build());
        UUID id = Requests.awaitStatus(tenant, request, "held");
        assertThat(Requests.column("hold_reason", id)).isEqualTo("awaiting-contact");
        leadCreated(early, null, phone);
        Requests.awaitStatus(tenant, request, "sent", "delivered");
        assertThat(providers.twilioA.messagesTo(phone)).hasSize(1);

        UUID noPhone = UUID.randomUUID();
        leadCreated(noPhone, "x-" + UUID.randomUUID() + "@example.com", null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> com.keystone.crm.notification.Db.count(
                "SELECT count(*) FROM contact WHERE tenant_id = ? AND ref_id = ?", tenant, noPhone.toString()) == 1);
        UUID sms = UUID.randomUUID();
        Requests.publish(toLead(sms, noPhone, Channel.SMS).build());
        UUID failed = Requests.awaitStatus(tenant, sms, "failed");
        assertThat(Requests.column("failure_reason", failed)).isEqualTo("invalid-address");
        assertThat(Requests.column("error_code", failed)).isEqualTo("no-address");
    }

    /**
     * The lead's consent from its events: a marketing text to a lead who said no to SMS is not sent (failed
     * no-consent, before any quiet-hours hold), a transactional one is; once a newer version gives consent, marketing
     * goes ahead (sent, or held for the recipient's quiet hours, whichever the hour is).
     */
    @Test
    void aMarketingTextToALeadWhoSaidNoIsNotSent() {
        UUID leadId = UUID.randomUUID();
        String phone = number();
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withStatus(LeadStatus.NEW).withSource("zillow").withCreatedBy("ingestion").withFirstName("Noel")
                .withPhones(List.of(phone)).withTimezone("America/Chicago")
                .withConsent(Consent.builder().withSms(false).withEmail(true).build()).build());
        UUID marketing = UUID.randomUUID();
        Requests.publish(toLead(marketing, leadId, Channel.SMS).withCategory(NotificationRequested.Category.MARKETING).build());
        UUID refused = Requests.awaitStatus(tenant, marketing, "failed");
        assertThat(Requests.column("failure_reason", refused)).isEqualTo("suppressed");
        assertThat(Requests.column("error_code", refused)).isEqualTo("no-consent");
        assertThat(Requests.attempts(refused)).isEmpty();

        UUID transactional = UUID.randomUUID();
        Requests.publish(toLead(transactional, leadId, Channel.SMS).build());
        Requests.awaitStatus(tenant, transactional, "sent", "delivered");
        assertThat(providers.twilioA.messagesTo(phone)).hasSize(1);

        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadUpdated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(2L).withOccurredAt(Instant.now())
                .withChangedFields(Set.of("consent")).withUpdatedBy("agent-1").withPhones(List.of(phone))
                .withConsent(Consent.builder().withSms(true).build()).build());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> com.keystone.crm.notification.Db.count(
                "SELECT count(*) FROM contact WHERE tenant_id = ? AND ref_id = ? AND consent_sms", tenant, leadId.toString()) == 1);
        UUID again = UUID.randomUUID();
        Requests.publish(toLead(again, leadId, Channel.SMS).withCategory(NotificationRequested.Category.MARKETING).build());
        UUID allowed = Requests.awaitStatus(tenant, again, "held", "sent", "delivered");
        assertThat(Requests.column("failure_reason", allowed)).isNull();
    }

    @Test
    void aUsersEmailComesFromUserCreated() {
        String user = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String email = user + "@" + tenant + ".test";
        KafkaEvents.publish(user, UUID.randomUUID(), "/api-gateway", UserCreated.builder().withUserId(user)
                .withTenantId(tenant).withEmail(email).withDisplayName("Agent Smith").withRoles(Set.of(UserRole.AGENT))
                .withActive(true).withVersion(1L).withOccurredAt(Instant.now()).build());
        UUID request = UUID.randomUUID();
        Requests.publish(NotificationRequested.builder().withRequestId(request).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(Channel.EMAIL)
                .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.USER).withUserId(user).build())
                .withSubject("New lead").withBody("Call them now").withRequestedBy("workflow:wf-1").build());
        UUID id = Requests.awaitStatus(tenant, request, "sent", "delivered");
        assertThat(Requests.column("address", id)).isEqualTo(email);
        assertThat(Mailboxes.to(providers.smtpA, email)).hasSize(1);
    }
}
