package com.keystone.crm.lead.timeline.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** notification.replied from notification-service: a message-replied entry on the lead's timeline, once. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class NotificationRepliedConsumerTest {
    static final String TENANT = "replies-realty-1";
    static String agent;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, "replies-agent-rex", "replies-team", "agent");
    }

    static NotificationReplied.NotificationRepliedBuilderBase<? extends NotificationReplied> replied(UUID replyId,
                                                                                                 String leadId, String body) {
        return NotificationReplied.builder()
                .withReplyId(replyId)
                .withTenantId(TENANT)
                .withVersion(1L)
                .withOccurredAt(Instant.now().minusSeconds(30))
                .withChannel(NotificationReplied.Channel.SMS)
                .withFrom("+14155550142")
                .withTo("+14155550100")
                .withBody(body)
                .withLeadId(leadId == null ? null : UUID.fromString(leadId));
    }

    static long replies(String leadId) {
        return count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'message-replied'", leadId);
    }

    static long consumed(UUID eventId) {
        return count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString());
    }

    @Test
    void aReplyIsRecordedOnceAndPublished() {
        String leadId = TaskFixtures.lead(agent, "Replied");
        UUID replyId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        NotificationReplied payload = replied(replyId, leadId, "Yes!  Saturday\nworks. " + "More detail ".repeat(30))
                .withDeliveryId(deliveryId).build();
        KafkaEvents.publish(replyId.toString(), eventId, "/notification-service", payload);
        KafkaEvents.publish(replyId.toString(), eventId, "/notification-service", payload);
        // a sentinel behind the duplicate on the same partition (same key): once it is consumed, so was the duplicate
        UUID sentinel = UUID.randomUUID();
        KafkaEvents.publish(replyId.toString(), sentinel, "/notification-service",
                replied(UUID.randomUUID(), UUID.randomUUID().toString(), "sentinel").build());

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(sentinel) == 1);
        assertThat(replies(leadId)).isEqualTo(1);
        assertThat(consumed(eventId)).isEqualTo(1);

        String summary = given().auth().oauth2(agent).queryParam("type", "message-replied")
                .get("/api/v1/leads/" + leadId + "/activities").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].channel", equalTo("sms"))
                .body("items[0].actorId", equalTo("notification-service"))
                .extract().path("items[0].summary");
        assertThat(summary).startsWith("SMS reply: Yes! Saturday works.").endsWith("\u2026");
        assertThat(summary.codePointCount(0, summary.length())).isLessThanOrEqualTo(220);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> leadId.equals(e.key()) && "message-replied".equals(e.value().path("activityType").asText()));
        KafkaEvents.assertCloudEvent(event, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.value().path("channel").asText()).isEqualTo("sms");
        assertThat(event.value().path("deliveryId").asText()).isEqualTo(deliveryId.toString());
        assertThat(event.value().path("details").path("replyId").asText()).isEqualTo(replyId.toString());
    }

    @Test
    void aReplyForNoLeadOrAnUnknownOneIsDropped() {
        UUID noLead = UUID.randomUUID();
        NotificationReplied withoutLead = replied(UUID.randomUUID(), null, "who is this?")
                .withChannel(NotificationReplied.Channel.EMAIL).withFrom("someone@example.com").build();
        KafkaEvents.publish(UUID.randomUUID().toString(), noLead, "/notification-service", withoutLead);
        String otherTenantsLead = TaskFixtures.lead(TaskFixtures.token("replies-realty-2", "replies-agent-zoe", null, "agent"), "Elsewhere");
        UUID wrongTenant = UUID.randomUUID();
        KafkaEvents.publish(UUID.randomUUID().toString(), wrongTenant, "/notification-service",
                replied(UUID.randomUUID(), otherTenantsLead, "wrong tenant").build());

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(noLead) == 1 && consumed(wrongTenant) == 1);
        assertThat(replies(otherTenantsLead)).isZero();
    }

    @Test
    void aStopIsAnOptOutNotAReplyOnTheTimeline() {
        // notification-service publishes STOP as notification.replied (optOut) and contact.opted-out; the timeline gets
        // the opt-out from the latter only, so nothing downstream takes the STOP for the lead writing back (issue #16)
        String leadId = TaskFixtures.lead(agent, "Stopping");
        UUID stop = UUID.randomUUID();
        KafkaEvents.publish(UUID.randomUUID().toString(), stop, "/notification-service",
                replied(UUID.randomUUID(), leadId, "STOP").withOptOut(true).build());
        UUID question = UUID.randomUUID();
        KafkaEvents.publish(UUID.randomUUID().toString(), question, "/notification-service",
                replied(UUID.randomUUID(), leadId, "Stop by Saturday?").withOptOut(false).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(stop) == 1 && consumed(question) == 1);
        assertThat(replies(leadId)).isEqualTo(1);
        given().auth().oauth2(agent).queryParam("type", "message-replied").get("/api/v1/leads/" + leadId + "/activities")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].summary", equalTo("SMS reply: Stop by Saturday?"));
    }
}
