package com.keystone.crm.workflow.intake;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import com.keystone.crm.workflow.intake.service.LeadEventIntake;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A poll's events applied in one transaction on its working set (the leads and open enrollments read once, written at
 * the end): a lead's later event sees what its earlier ones did, in the database's checks too; a new enrollment's
 * first steps run in that transaction, between its lead's events.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class OnePollTest {
    @Inject
    LeadEventIntake intake;

    @Test
    void aLeadEnrolledThenAtItsGoalThenBackInOnePollIsEnrolledAgain() throws Throwable {
        String tenant = "one-poll";
        String workflow = published(admin(tenant), """
                {"name": "Nurture", "trigger": {"type": "lead.status-changed", "to": ["attempted-contact"]},
                 "goalStatuses": ["appointment-set"], "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "P7D", "next": "sms"},
                           {"id": "sms", "type": "send", "channel": "sms", "templateKey": "nurture.sms"}]}""");
        UUID lead = UUID.randomUUID();
        List<LeadStatusChanged> poll = List.of(
                status(tenant, lead, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT),
                status(tenant, lead, 3, LeadStatus.ATTEMPTED_CONTACT, LeadStatus.APPOINTMENT_SET),
                status(tenant, lead, 4, LeadStatus.APPOINTMENT_SET, LeadStatus.ATTEMPTED_CONTACT));

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> intake.statusChanged(poll)));

        String ofLead = "FROM enrollment WHERE workflow_id = '" + workflow + "' AND lead_id = '" + lead + "'";
        // the goal ended the first enrollment before the third event asked the unique index for a new one
        assertEquals(1, count("SELECT count(*) " + ofLead + " AND state = 'completed' AND reason = 'goal-reached'"));
        assertEquals(1, count("SELECT count(*) " + ofLead + " AND state = 'active' AND current_step_id = 'wait'"));
        assertEquals(1, count("SELECT count(*) FROM lead_projection WHERE lead_id = '" + lead
                + "' AND status = 'attempted-contact' AND lead_version = 4"));
    }

    @Test
    void aNewEnrollmentsFirstStepRunsInThePollThatStartsItBeforeTheLeadsLaterEvents() throws Throwable {
        String tenant = "one-poll-first-step";
        String workflow = published(admin(tenant), """
                {"name": "Speed to lead", "trigger": {"type": "lead.status-changed", "to": ["attempted-contact"]},
                 "goalStatuses": ["appointment-set"], "start": "text",
                 "steps": [{"id": "text", "type": "send", "channel": "sms", "templateKey": "speed.sms", "next": "wait"},
                           {"id": "wait", "type": "wait", "duration": "P7D", "next": "email"},
                           {"id": "email", "type": "send", "channel": "email", "templateKey": "speed.email"}]}""");
        UUID texted = UUID.randomUUID();
        UUID reachedGoal = UUID.randomUUID();
        List<LeadStatusChanged> poll = List.of(
                status(tenant, texted, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT),
                status(tenant, reachedGoal, 2, LeadStatus.NEW, LeadStatus.ATTEMPTED_CONTACT),
                status(tenant, reachedGoal, 3, LeadStatus.ATTEMPTED_CONTACT, LeadStatus.APPOINTMENT_SET));

        // read inside the poll's own transaction: no timer worker can see (or run) an enrollment it has not committed
        Long[] seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> intake.statusChanged(poll)
                .chain(() -> Panache.getSession()).chain(s -> s.flush().replaceWith(s))
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM step_execution x JOIN enrollment e ON e.id = x.enrollment_id "
                                + "WHERE e.workflow_id = cast(?1 as uuid) AND x.outcome = 'requested' AND x.step_id = 'text'", Long.class)
                        .setParameter(1, workflow).getSingleResult()
                        .chain(steps -> s.createNativeQuery("SELECT count(*) FROM outbox_event o JOIN step_execution x "
                                        + "ON o.aggregateid = cast(x.request_id as text) JOIN enrollment e ON e.id = x.enrollment_id "
                                        + "WHERE e.workflow_id = cast(?1 as uuid) AND o.type = 'notification.requested'", Long.class)
                                .setParameter(1, workflow).getSingleResult().map(events -> new Long[]{steps, events})))));

        assertEquals(2, seen[0], "each new enrollment's text ran in the poll");
        assertEquals(2, seen[1], "each text is in the outbox under its step's request id");
        String ofWorkflow = "FROM enrollment WHERE workflow_id = '" + workflow + "'";
        // the first lead waits on its durable timer; the second lead's goal came after its text and ended it
        assertEquals(1, count("SELECT count(*) " + ofWorkflow + " AND lead_id = '" + texted
                + "' AND state = 'active' AND current_step_id = 'wait' AND due_at > now() + interval '6 days'"));
        assertEquals(1, count("SELECT count(*) " + ofWorkflow + " AND lead_id = '" + reachedGoal
                + "' AND state = 'completed' AND reason = 'goal-reached' AND steps_done = 1"));
    }

    private static LeadStatusChanged status(String tenant, UUID lead, long version, LeadStatus from, LeadStatus to) {
        return LeadStatusChanged.builder().withLeadId(lead).withTenantId(tenant).withVersion(version)
                .withOccurredAt(Instant.now()).withFromStatus(from).withToStatus(to).withChangedBy("agent-1").build();
    }
}
