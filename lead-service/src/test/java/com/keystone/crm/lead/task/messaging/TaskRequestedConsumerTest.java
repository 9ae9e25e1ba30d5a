package com.keystone.crm.lead.task.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.TaskPriority;
import com.keystone.crm.platform.contracts.events.TaskRequested;
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

/** task.requested from workflow-service: one task per requestId, published as task.created. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskRequestedConsumerTest {
    static final String TENANT = "task-requests-realty-1";
    static final String AGENT = "taskreq-agent-rae";
    static String agent;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, AGENT, "taskreq-team", "agent");
    }

    static TaskRequested.TaskRequestedBuilderBase<? extends TaskRequested> requested(String leadId, UUID requestId,
                                                                                     String title) {
        return TaskRequested.builder()
                .withLeadId(UUID.fromString(leadId))
                .withTenantId(TENANT)
                .withVersion(3L)
                .withOccurredAt(Instant.now())
                .withRequestId(requestId)
                .withTitle(title)
                .withRequestedBy("workflow:new-lead-follow-up")
                .withWorkflowId("new-lead-follow-up")
                .withEnrollmentId(UUID.randomUUID())
                .withStepId("call-day-1");
    }

    static long tasksOf(UUID requestId) {
        return count("SELECT count(*) FROM task WHERE request_id = ?::uuid", requestId.toString());
    }

    @Test
    void aRequestMakesOneTaskForTheLeadsAgentHoweverOftenItArrives() {
        String leadId = TaskFixtures.lead(agent, "Requested");
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        TaskRequested payload = requested(leadId, requestId, "Call the new lead")
                .withPriority(TaskPriority.HIGH)
                .withTaskType("call")
                .withDueAt(Instant.parse("2030-02-01T10:00:00Z"))
                .withDescription("They asked about schools")
                .build();
        KafkaEvents.publish(leadId, eventId, "/workflow-service", payload);
        KafkaEvents.publish(leadId, eventId, "/workflow-service", payload);
        // the same command under another event id (a re-sent command) is still one task
        KafkaEvents.publish(leadId, UUID.randomUUID(), "/workflow-service", payload);
        // a sentinel behind them on the same partition: once it is applied, so were they
        UUID sentinel = UUID.randomUUID();
        KafkaEvents.publish(leadId, UUID.randomUUID(), "/workflow-service", requested(leadId, sentinel, "Sentinel").build());

        await().atMost(Duration.ofSeconds(60)).until(() -> tasksOf(sentinel) == 1);
        assertThat(tasksOf(requestId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString())).isEqualTo(1);

        String taskId = given().auth().oauth2(agent).queryParam("leadId", leadId).queryParam("dueAfter", "2030-01-01T00:00:00Z")
                .get("/api/v1/tasks").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].title", equalTo("Call the new lead"))
                .body("items[0].assigneeId", equalTo(AGENT))
                .body("items[0].priority", equalTo("high"))
                .body("items[0].requestId", equalTo(requestId.toString()))
                .body("items[0].createdBy", equalTo("workflow:new-lead-follow-up"))
                .extract().path("items[0].id");

        CapturedEvent created = KafkaEvents.awaitEvent("task.created", e -> taskId.equals(e.key()));
        KafkaEvents.assertCloudEvent(created, "task.created", "/lead-service");
        KafkaEvents.assertSchemaValid(created);
        assertThat(created.value().path("requestId").asText()).isEqualTo(requestId.toString());
        assertThat(created.value().path("assigneeId").asText()).isEqualTo(AGENT);
        assertThat(created.value().path("createdBy").asText()).isEqualTo("workflow:new-lead-follow-up");
        assertThat(created.value().path("dueAt").asText()).isEqualTo("2030-02-01T10:00:00Z");
    }

    @Test
    void anUnknownAssigneeFallsBackToTheLeadsAgentAndAMissingDueTimeMeansNow() {
        String leadId = TaskFixtures.lead(agent, "Fallback");
        UUID requestId = UUID.randomUUID();
        TaskRequested payload = requested(leadId, requestId, "Someone who left")
                .withAssigneeId("taskreq-former-agent").withDueAt(null).build();
        KafkaEvents.publish(leadId, UUID.randomUUID(), "/workflow-service", payload);

        await().atMost(Duration.ofSeconds(60)).until(() -> tasksOf(requestId) == 1);
        assertThat(count("SELECT count(*) FROM task WHERE request_id = ?::uuid AND assignee_id = ? "
                + "AND due_at <= now() AND priority = 'NORMAL'", requestId.toString(), AGENT)).isEqualTo(1);
    }

    @Test
    void aRequestBreakingTheContractGoesToTheDeadLetterTopic() {
        String leadId = UUID.randomUUID().toString();
        // a workflow-service that breaks the contract (no requestId, empty title): spoil a valid command
        ObjectNode broken = (ObjectNode) EventJson.toJson(requested(leadId, UUID.randomUUID(), "").build());
        broken.remove("requestId");
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish("task.requested", leadId, eventId, "/workflow-service", TENANT, broken);

        CapturedEvent dead = KafkaEvents.awaitEvent("lead-service.dlq", e -> eventId.toString().equals(e.header("ce_id")));
        assertThat(dead.header("dead-letter-topic")).isEqualTo("task.requested");
        assertThat(count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString())).isZero();
    }

    @Test
    void aRequestForAnUnknownLeadIsDropped() {
        String unknownLead = UUID.randomUUID().toString();
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(unknownLead, eventId, "/workflow-service", requested(unknownLead, requestId, "Nobody").build());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()) == 1);
        assertThat(tasksOf(requestId)).isZero();
    }
}
