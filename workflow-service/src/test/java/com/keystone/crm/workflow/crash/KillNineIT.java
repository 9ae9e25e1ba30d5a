package com.keystone.crm.workflow.crash;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.workflow.WorkflowFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service killed with SIGKILL twice while enrollments run: once in the middle of the intake and the
 * first sends, once while most enrollments wait on their durable timers and others are mid-step. After the last
 * restart every enrollment completes, each step ran exactly once (history), and each step's effect reached Kafka
 * exactly once under its request id (enrollment + step): nothing lost, nothing doubled.
 */
class KillNineIT {
    /** Enough that each kill lands mid-run (intake, then pending timers), few enough for CI to stay quick. */
    static final int LEADS = 120;
    static final String TENANT = "crash-workflow";
    static final String SERVICE = "workflow-service";
    static final TestDatabase DB = new TestDatabase(SERVICE);
    static final String DEFINITION = """
            {"name": "Crash drill", "trigger": {"type": "lead.created"}, "reenrollment": "never", "start": "text",
             "steps": [
               {"id": "text", "type": "send", "channel": "sms", "to": "lead", "templateKey": "drill.text", "next": "wait-1"},
               {"id": "wait-1", "type": "wait", "duration": "PT3S", "next": "email"},
               {"id": "email", "type": "send", "channel": "email", "to": "lead", "templateKey": "drill.email", "next": "wait-2"},
               {"id": "wait-2", "type": "wait", "duration": "PT4S", "next": "call"},
               {"id": "call", "type": "task", "title": "Call the lead", "priority": "high", "dueIn": "PT1H"}]}""";
    static final Set<String> STEPS = Set.of("text", "wait-1", "email", "wait-2", "call");

    static ServiceJarProcess service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyStepOnceAcrossKillNine() {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        env.relayFor(SERVICE); // the outbox reaches Kafka through the relay, which is not killed
        service = ServiceJarProcess.of(SERVICE, "kill-nine", Map.of(
                "crm.workflow.worker.lease", "PT3S",
                "crm.workflow.worker.poll-interval", "PT0.2S",
                "crm.workflow.seed-templates", "false")).quickConsumerFailover();
        service.start("run-1");
        String workflowId = WorkflowFixtures.published(service.baseUrl(), WorkflowFixtures.admin(TENANT), DEFINITION);

        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            WorkflowFixtures.leadCreated(TENANT, lead, "agent-crash", null);
        }
        // kill 1: while leads are still being enrolled and the first texts written
        await().alias("first steps running").atMost(Duration.ofMinutes(3))
                .until(() -> DB.count(steps(workflowId, null)) >= LEADS / 3);
        service.kill();
        long atFirstKill = DB.count(steps(workflowId, null));

        service.start("run-2");
        // kill 2: while enrollments wait on their timers and others are mid-step
        await().alias("timers pending and emails running").atMost(Duration.ofMinutes(3))
                .until(() -> DB.count(steps(workflowId, "email")) >= LEADS / 4
                        && DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflowId
                        + "' AND state = 'active' AND due_at > now()") > 0);
        service.kill();
        long waitingAtSecondKill = DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflowId
                + "' AND state = 'active' AND due_at > now()");

        service.start("run-3");
        await().alias("every enrollment completed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflowId
                        + "' AND state = 'completed'") == LEADS);

        assertThat(atFirstKill).as("the first kill came mid-run").isLessThan(LEADS * 5L);
        assertThat(waitingAtSecondKill).as("timers were pending at the second kill").isPositive();
        // one enrollment per lead, each with exactly the five steps of the definition in its history
        assertThat(DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflowId + "'")).isEqualTo(LEADS);
        assertThat(DB.count("SELECT count(DISTINCT lead_id) FROM enrollment WHERE workflow_id = '" + workflowId + "'")).isEqualTo(LEADS);
        assertThat(DB.count(steps(workflowId, null))).isEqualTo(LEADS * 5L);
        assertThat(DB.count("SELECT count(*) FROM (SELECT s.enrollment_id FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id"
                + " WHERE e.workflow_id = '" + workflowId + "' GROUP BY s.enrollment_id HAVING count(DISTINCT s.step_id) = 5"
                + " AND count(*) = 5) x")).isEqualTo(LEADS);

        // on Kafka: each effect exactly once, under the request id of its enrollment step
        List<CapturedEvent> messages = awaitEvents("notification.requested", workflowId, LEADS * 2);
        List<CapturedEvent> tasks = awaitEvents("task.requested", workflowId, LEADS);
        assertThat(messages).hasSize(LEADS * 2);
        assertThat(tasks).hasSize(LEADS);
        assertExactlyOncePerStep(messages, Set.of("text", "email"));
        assertExactlyOncePerStep(tasks, Set.of("call"));
        Set<UUID> enrolledLeads = messages.stream().map(e -> UUID.fromString(e.value().path("leadId").asText()))
                .collect(Collectors.toSet());
        assertThat(enrolledLeads).containsExactlyInAnyOrderElementsOf(leads);
    }

    /** One record per (enrollment, step), and its request id is the step's key (enrollment + sequence number). */
    private static void assertExactlyOncePerStep(List<CapturedEvent> events, Set<String> stepIds) {
        Map<String, Long> perStep = events.stream().collect(Collectors.groupingBy(
                e -> e.value().path("enrollmentId").asText() + "/" + e.value().path("stepId").asText(), Collectors.counting()));
        assertThat(perStep.values()).allMatch(n -> n == 1L);
        assertThat(events.stream().map(e -> e.value().path("stepId").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(stepIds);
        Set<String> requestIds = new HashSet<>();
        for (CapturedEvent e : events) {
            String enrollment = e.value().path("enrollmentId").asText();
            String step = e.value().path("stepId").asText();
            long seq = DB.count("SELECT seq FROM step_execution WHERE enrollment_id = '" + enrollment + "' AND step_id = '" + step + "'");
            UUID expected = UUID.nameUUIDFromBytes(("workflow-step:" + enrollment + ":" + seq).getBytes(StandardCharsets.UTF_8));
            assertThat(e.value().path("requestId").asText()).isEqualTo(expected.toString());
            requestIds.add(e.value().path("requestId").asText());
        }
        assertThat(requestIds).hasSize(events.size());
    }

    private static List<CapturedEvent> awaitEvents(String topic, String workflowId, int expected) {
        List<List<CapturedEvent>> last = new ArrayList<>(List.of(List.of()));
        await().alias(expected + " " + topic).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last.set(0, KafkaEvents.readAll(topic).stream()
                    .filter(e -> workflowId.equals(e.value().path("workflowId").asText())).toList());
            return last.get(0).size() >= expected;
        });
        return last.get(0);
    }

    private static String steps(String workflowId, String stepId) {
        return "SELECT count(*) FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id WHERE e.workflow_id = '"
                + workflowId + "'" + (stepId == null ? "" : " AND s.step_id = '" + stepId + "'");
    }
}
