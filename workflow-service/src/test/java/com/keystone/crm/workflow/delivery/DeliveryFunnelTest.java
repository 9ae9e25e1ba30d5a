package com.keystone.crm.workflow.delivery;

import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitNotification;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.replied;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * notification-service's outcomes (notification.delivered / notification.failed, through the inbox) are credited to
 * the send step whose request id they carry; the per-step funnel counts sent, delivered, failed and replied.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class DeliveryFunnelTest {
    @Test
    void outcomesAreCreditedToTheStepThatAskedForTheMessage() {
        String tenant = "funnel-1";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Funnel", "trigger": {"type": "manual"}, "start": "hello",
                 "steps": [{"id": "hello", "type": "send", "channel": "sms", "templateKey": "f.hello", "next": "wait"},
                           {"id": "wait", "type": "wait", "duration": "P30D"}]}""");
        List<UUID> leads = new ArrayList<>();
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID lead = UUID.randomUUID();
            leadCreated(tenant, lead, "agent-f", null);
            awaitLead(lead);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                    .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201);
            leads.add(lead);
        }
        for (UUID lead : leads) {
            CapturedEvent requested = awaitNotification(lead, e -> "hello".equals(e.value().path("stepId").asText()));
            requests.add(UUID.fromString(requested.value().path("requestId").asText()));
        }
        Instant t = Instant.now();
        // 0: sent, then delivered; 1: delivered, then a late "sent" that must not undo it; 2: failed; 3: sent only
        UUID deliveredTwice = UUID.randomUUID();
        delivered(tenant, requests.get(0), workflow, "sent", t, UUID.randomUUID());
        delivered(tenant, requests.get(0), workflow, "delivered", t.plusSeconds(5), deliveredTwice);
        delivered(tenant, requests.get(0), workflow, "delivered", t.plusSeconds(5), deliveredTwice); // redelivered event
        delivered(tenant, requests.get(1), workflow, "delivered", t.plusSeconds(5), UUID.randomUUID());
        delivered(tenant, requests.get(1), workflow, "sent", t, UUID.randomUUID());
        failed(tenant, requests.get(2), workflow, t);
        delivered(tenant, requests.get(3), workflow, "sent", t, UUID.randomUUID());
        // not ours: another tenant's outcome for our request id, and a request no workflow made
        delivered("funnel-other", requests.get(4), workflow, "delivered", t, UUID.randomUUID());
        delivered(tenant, UUID.randomUUID(), workflow, "delivered", t, UUID.randomUUID());
        // lead 4 replies: its enrollment ends, the reply is credited to the last message it was sent
        replied(tenant, leads.get(4), Instant.now());

        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM step_execution WHERE tenant_id = '" + tenant + "' AND delivery IS NOT NULL") == 4
                        && count("SELECT count(*) FROM step_execution WHERE request_id = '" + requests.get(1) + "' AND delivery = 'delivered'") == 1
                        && count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflow + "' AND reason = 'lead-replied'") == 1);
        assertThat(count("SELECT count(*) FROM step_execution WHERE request_id = '" + requests.get(0) + "' AND delivery = 'delivered'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM step_execution WHERE request_id = '" + requests.get(2) + "' AND delivery = 'failed'"
                + " AND delivery_detail = 'bounced 550'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM step_execution WHERE request_id = '" + requests.get(4) + "' AND delivery IS NOT NULL")).isZero();

        given().auth().oauth2(token).get("/api/v1/workflows/" + workflow + "/analytics").then().statusCode(200)
                .body("steps.find { it.stepId == 'hello' }.reached", equalTo(5))
                .body("steps.find { it.stepId == 'hello' }.messages.delivered", equalTo(2))
                .body("steps.find { it.stepId == 'hello' }.messages.sent", equalTo(1))
                .body("steps.find { it.stepId == 'hello' }.messages.failed", equalTo(1))
                .body("steps.find { it.stepId == 'hello' }.messages.replied", equalTo(1));
    }

    private static void delivered(String tenant, UUID requestId, String workflow, String status, Instant at, UUID eventId) {
        KafkaEvents.publish(requestId.toString(), eventId, "/notification-service", NotificationDelivered.builder()
                .withDeliveryId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withRequestId(requestId).withChannel(Channel.SMS).withStatus(NotificationDelivered.Status.fromValue(status))
                .withProvider("twilio").withWorkflowId(workflow).build());
    }

    private static void failed(String tenant, UUID requestId, String workflow, Instant at) {
        KafkaEvents.publish(requestId.toString(), UUID.randomUUID(), "/notification-service", NotificationFailed.builder()
                .withDeliveryId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withRequestId(requestId).withChannel(Channel.SMS).withReason(NotificationFailed.Reason.BOUNCED)
                .withErrorCode("550").withPermanent(true).withProvider("twilio").withWorkflowId(workflow).build());
    }
}
