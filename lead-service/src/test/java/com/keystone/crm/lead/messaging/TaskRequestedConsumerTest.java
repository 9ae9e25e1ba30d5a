package com.keystone.crm.lead.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

    static Map<String, Object> requested(String leadId, UUID requestId, String title) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("leadId", leadId);
        p.put("tenantId", TENANT);
        p.put("version", 3);
        p.put("occurredAt", Instant.now().toString());
        p.put("requestId", requestId.toString());
        p.put("title", title);
        p.put("requestedBy", "workflow:new-lead-follow-up");
        p.put("workflowId", "new-lead-follow-up");
        p.put("enrollmentId", UUID.randomUUID().toString());
        p.put("stepId", "call-day-1");
        return p;
    }

    static long tasksOf(UUID requestId) {
        return count("SELECT count(*) FROM task WHERE request_id = ?::uuid", requestId.toString());
    }

    @Test
    void aRequestMakesOneTaskForTheLeadsAgentHoweverOftenItArrives() {
        String leadId = TaskFixtures.lead(agent, "Requested");
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Map<String, Object> payload = requested(leadId, requestId, "Call the new lead");
        payload.put("priority", "high");
        payload.put("taskType", "call");
        payload.put("dueAt", "2030-02-01T10:00:00Z");
        payload.put("description", "They asked about schools");
        KafkaEvents.publish("task.requested", leadId, eventId, "/workflow-service", TENANT, payload);
        KafkaEvents.publish("task.requested", leadId, eventId, "/workflow-service", TENANT, payload);
        // the same command under another event id (a re-sent command) is still one task
        KafkaEvents.publish("task.requested", leadId, UUID.randomUUID(), "/workflow-service", TENANT, payload);
        // a sentinel behind them on the same partition: once it is applied, so were they
        UUID sentinel = UUID.randomUUID();
        KafkaEvents.publish("task.requested", leadId, UUID.randomUUID(), "/workflow-service", TENANT,
                requested(leadId, sentinel, "Sentinel"));

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
        Map<String, Object> payload = requested(leadId, requestId, "Someone who left");
        payload.put("assigneeId", "taskreq-former-agent");
        payload.put("dueAt", null);
        KafkaEvents.publish("task.requested", leadId, UUID.randomUUID(), "/workflow-service", TENANT, payload);

        await().atMost(Duration.ofSeconds(60)).until(() -> tasksOf(requestId) == 1);
        assertThat(count("SELECT count(*) FROM task WHERE request_id = ?::uuid AND assignee_id = ? "
                + "AND due_at <= now() AND priority = 'NORMAL'", requestId.toString(), AGENT)).isEqualTo(1);
    }

    @Test
    void aRequestBreakingTheContractGoesToTheDeadLetterTopic() {
        String leadId = UUID.randomUUID().toString();
        Map<String, Object> broken = requested(leadId, UUID.randomUUID(), "");
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
        KafkaEvents.publish("task.requested", unknownLead, eventId, "/workflow-service", TENANT,
                requested(unknownLead, requestId, "Nobody"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()) == 1);
        assertThat(tasksOf(requestId)).isZero();
    }
}
