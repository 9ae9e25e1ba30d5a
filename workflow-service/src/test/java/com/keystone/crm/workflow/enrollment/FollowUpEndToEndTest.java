package com.keystone.crm.workflow.enrollment;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.DB;
import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitNotification;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.notificationsOf;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.replied;
import static com.keystone.crm.workflow.WorkflowFixtures.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core path through real Kafka, PostgreSQL and the CDC relay: lead-service's lead.status-changed enrolls the
 * lead, the email goes out as notification.requested, the wait is a durable timer (the test moves the service
 * clock), then the SMS and the agent's task follow; a reply in the middle of the wait ends the enrollment and the
 * queued SMS never goes out.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class FollowUpEndToEndTest {
    static final String NURTURE = """
            {"name": "Nurture after a first attempt",
             "trigger": {"type": "lead.status-changed", "to": ["attempted-contact"]},
             "goalStatuses": ["appointment-set"],
             "start": "email",
             "steps": [
               {"id": "email", "type": "send", "channel": "email", "to": "lead", "templateKey": "nurture.email",
                "variables": {"offer": "market report"}, "next": "wait"},
               {"id": "wait", "type": "wait", "duration": "P1D", "next": "sms"},
               {"id": "sms", "type": "send", "channel": "sms", "to": "lead", "templateKey": "nurture.sms", "next": "task"},
               {"id": "task", "type": "task", "title": "Call the lead", "taskType": "call", "priority": "high", "dueIn": "PT1H"}
             ]}""";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void statusChangeEnrollsThenEmailWaitSmsAndTask() {
        String tenant = "e2e-nurture-1";
        String workflowId = published(admin(tenant), NURTURE);
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-ann", "America/Chicago");
        awaitLead(lead);

        statusChanged(tenant, lead, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT);

        CapturedEvent email = awaitNotification(lead, e -> "email".equals(e.value().path("channel").asText()));
        KafkaEvents.assertCloudEvent(email, "notification.requested", "/workflow-service");
        KafkaEvents.assertSchemaValid(email);
        assertThat(email.value().path("templateKey").asText()).isEqualTo("nurture.email");
        assertThat(email.value().path("category").asText()).isEqualTo("marketing");
        assertThat(email.value().path("recipient").path("kind").asText()).isEqualTo("lead");
        assertThat(email.value().path("recipient").path("timezone").asText()).isEqualTo("America/Chicago");
        // addressed: notification-service does not look a lead's addresses up, so the lead's primary ones travel along
        assertThat(email.value().path("recipient").path("email").asText()).isEqualTo("dana@example.test");
        assertThat(email.value().path("recipient").path("phone").asText()).isEqualTo("+14155550188");
        assertThat(email.value().path("templateVariables").path("offer").asText()).isEqualTo("market report");
        assertThat(email.value().path("workflowId").asText()).isEqualTo(workflowId);
        String enrollment = email.value().path("enrollmentId").asText();
        // the request id is the idempotency key of the step: derived from the enrollment and the step's number
        assertThat(email.key()).isEqualTo(UUID.nameUUIDFromBytes(("workflow-step:" + enrollment + ":1")
                .getBytes(StandardCharsets.UTF_8)).toString());

        // waiting: a durable timer a day away, no SMS yet
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE id = '" + enrollment
                + "' AND current_step_id = 'wait' AND due_at > now() + interval '23 hours'") == 1);
        assertThat(notificationsOf(lead)).hasSize(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        CapturedEvent sms = awaitNotification(lead, e -> "sms".equals(e.value().path("channel").asText()));
        KafkaEvents.assertSchemaValid(sms);
        assertThat(sms.value().path("templateKey").asText()).isEqualTo("nurture.sms");
        CapturedEvent task = KafkaEvents.awaitEvent("task.requested", e -> e.key().equals(lead.toString()));
        KafkaEvents.assertCloudEvent(task, "task.requested", "/workflow-service");
        KafkaEvents.assertSchemaValid(task);
        assertThat(task.value().path("title").asText()).isEqualTo("Call the lead");
        assertThat(task.value().path("priority").asText()).isEqualTo("high");
        assertThat(task.value().path("requestedBy").asText()).isEqualTo("workflow:" + workflowId);
        assertThat(Instant.parse(task.value().path("dueAt").asText()))
                .isAfter(Instant.parse(task.value().path("occurredAt").asText()).plus(Duration.ofMinutes(59)));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE id = '" + enrollment
                + "' AND state = 'completed' AND reason = 'completed' AND due_at IS NULL") == 1);
        assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id = '" + enrollment + "'")).isEqualTo(4);
        CapturedEvent completed = KafkaEvents.awaitEvent("workflow.enrollment-changed",
                e -> e.key().equals(enrollment) && "completed".equals(e.value().path("toState").asText()));
        KafkaEvents.assertSchemaValid(completed);
        KafkaEvents.awaitEvent("workflow.enrollment-changed",
                e -> e.key().equals(enrollment) && "enrolled".equals(e.value().path("reason").asText())
                        && e.value().path("fromState").isNull());
        assertThat(notificationsOf(lead)).hasSize(2);
    }

    @Test
    void aReplyDuringTheWaitEndsTheEnrollmentAndTheQueuedSmsNeverGoesOut() {
        String tenant = "e2e-nurture-2";
        published(admin(tenant), NURTURE);
        UUID replying = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        leadCreated(tenant, replying, "agent-bo", null);
        leadCreated(tenant, silent, "agent-bo", null);
        awaitLead(replying);
        awaitLead(silent);
        statusChanged(tenant, replying, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT);
        statusChanged(tenant, silent, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT);
        awaitNotification(replying, e -> "email".equals(e.value().path("channel").asText()));
        awaitNotification(silent, e -> "email".equals(e.value().path("channel").asText()));

        replied(tenant, replying, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + replying
                + "' AND state = 'exited' AND reason = 'lead-replied' AND due_at IS NULL") == 1);

        clock.advance(Duration.ofDays(2));
        // the silent lead's SMS, due at the same time, goes out: the timers ran
        awaitNotification(silent, e -> "sms".equals(e.value().path("channel").asText()));
        assertThat(notificationsOf(replying)).extracting(e -> e.value().path("channel").asText()).containsExactly("email");
        assertThat(DB.count("SELECT count(*) FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id"
                + " WHERE e.lead_id = ?::uuid AND s.step_id = 'sms'", replying.toString())).isZero();
        KafkaEvents.awaitEvent("workflow.enrollment-changed", e -> replying.toString().equals(e.value().path("leadId").asText())
                && "lead-replied".equals(e.value().path("reason").asText()) && "exited".equals(e.value().path("toState").asText()));
    }

    @Test
    void theGoalStatusCompletesTheEnrollment() {
        String tenant = "e2e-nurture-3";
        published(admin(tenant), NURTURE);
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-cy", null);
        awaitLead(lead);
        statusChanged(tenant, lead, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT);
        awaitNotification(lead, e -> "email".equals(e.value().path("channel").asText()));

        statusChanged(tenant, lead, 3, LeadStatus.ATTEMPTED_CONTACT, LeadStatus.APPOINTMENT_SET);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND state = 'completed' AND reason = 'goal-reached'") == 1);
        // a stale status event (an older version) changes nothing and enrolls nobody
        statusChanged(tenant, lead, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM consumed_event") > 0);
        assertThat(count("SELECT count(*) FROM lead_projection WHERE lead_id = '" + lead + "' AND status = 'appointment-set'"))
                .isEqualTo(1);
    }
}
