package com.keystone.crm.workflow.replica;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.workflow.WorkflowFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the packaged service on one database and one Kafka, each with two timer slots and a segment
 * sweeper, sharing the work without a coordinator: every timer fires once (each enrollment's history holds each step
 * once), each send step's {@code notification.requested} reaches Kafka exactly once, a recurring sweep's window is
 * opened once and walks each lead once although both replicas poll for it, and both replicas did run steps.
 */
class TwoReplicasIT {
    static final int LEADS = 120;
    static final String TENANT = "two-replicas";
    static final String SERVICE = "workflow-service";
    static final TestDatabase DB = new TestDatabase(SERVICE);
    static final String FOLLOW_UP = """
            {"name": "Replica follow-up", "trigger": {"type": "lead.created"}, "reenrollment": "never", "start": "text",
             "steps": [
               {"id": "text", "type": "send", "channel": "sms", "to": "lead", "templateKey": "replica.text", "next": "wait-1"},
               {"id": "wait-1", "type": "wait", "duration": "PT2S", "next": "email"},
               {"id": "email", "type": "send", "channel": "email", "to": "lead", "templateKey": "replica.email", "next": "wait-2"},
               {"id": "wait-2", "type": "wait", "duration": "PT2S", "next": "call"},
               {"id": "call", "type": "task", "title": "Call the lead", "priority": "high", "dueIn": "PT1H"}]}""";
    static final String SWEEP = """
            {"name": "Replica sweep", "trigger": {"type": "schedule", "every": "P1D", "filter": "daysSinceCreated >= 0"}, "start": "check-in",
             "steps": [{"id": "check-in", "type": "send", "channel": "email", "to": "lead", "templateKey": "replica.sweep"}]}""";

    static final List<ServiceJarProcess> replicas = new ArrayList<>();

    @AfterAll
    static void stop() {
        replicas.forEach(ServiceJarProcess::close);
    }

    @Test
    void twoReplicasRunEveryTimerAndEverySweepWindowOnce() {
        // P1D windows start at UTC midnight: a run straddling one would rightly open a second window
        assumeThat(LocalTime.now(ZoneOffset.UTC)).isBetween(LocalTime.of(0, 2), LocalTime.of(23, 55));
        CrmTestEnvironment.get().relayFor(SERVICE);
        Map<String, String> settings = Map.of(
                "crm.workflow.worker.slots", "2",
                "crm.workflow.worker.lease", "PT3S",
                "crm.workflow.worker.poll-interval", "PT0.2S",
                "crm.workflow.sweep.poll-interval", "PT0.2S",
                "crm.workflow.sweep.lease", "PT3S",
                "crm.workflow.sweep.batch-size", "25",
                "crm.workflow.seed-templates", "false");
        ServiceJarProcess a = ServiceJarProcess.of(SERVICE, "replica-a", settings);
        ServiceJarProcess b = ServiceJarProcess.of(SERVICE, "replica-b", settings);
        replicas.add(a);
        replicas.add(b);
        // booted side by side: the second boot overlaps the first
        a.launch("two-replicas");
        b.launch("two-replicas");
        a.awaitReady();
        b.awaitReady();

        String followUp = WorkflowFixtures.published(a.baseUrl(), WorkflowFixtures.admin(TENANT), FOLLOW_UP);
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            WorkflowFixtures.leadCreated(TENANT, lead, "agent-replicas", null);
        }
        await().alias("every lead projected").atMost(Duration.ofMinutes(2))
                .until(() -> DB.count("SELECT count(*) FROM lead_projection WHERE tenant_id = ?", TENANT) == LEADS);
        // published through the other replica once the segment is there: both sweepers race for its window
        String sweep = WorkflowFixtures.published(b.baseUrl(), WorkflowFixtures.admin(TENANT), SWEEP);

        await().alias("every follow-up completed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = cast(? as uuid) AND state = 'completed'",
                        followUp) == LEADS);
        await().alias("the sweep's window done").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> DB.count("SELECT count(*) FROM workflow_sweep WHERE workflow_id = cast(? as uuid) AND state = 'done'", sweep) == 1
                        && DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = cast(? as uuid) AND state = 'completed'", sweep) == LEADS);

        // every timer fired once: one enrollment per lead, each with exactly its five steps, each step once
        assertThat(DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = cast(? as uuid)", followUp)).isEqualTo(LEADS);
        assertThat(DB.count("SELECT count(*) FROM (SELECT s.enrollment_id FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id"
                + " WHERE e.workflow_id = cast(? as uuid) GROUP BY s.enrollment_id HAVING count(DISTINCT s.step_id) = 5 AND count(*) = 5) x",
                followUp)).isEqualTo(LEADS);
        // the sweep: one window, each lead considered once (a batch run twice would count it twice), enrolled once
        assertThat(DB.count("SELECT count(*) FROM workflow_sweep WHERE workflow_id = cast(? as uuid)", sweep)).isEqualTo(1);
        assertThat(DB.count("SELECT considered FROM workflow_sweep WHERE workflow_id = cast(? as uuid)", sweep)).isEqualTo(LEADS);
        assertThat(DB.count("SELECT enrolled FROM workflow_sweep WHERE workflow_id = cast(? as uuid)", sweep)).isEqualTo(LEADS);
        assertThat(DB.count("SELECT count(DISTINCT lead_id) FROM enrollment WHERE workflow_id = cast(? as uuid)", sweep)).isEqualTo(LEADS);
        assertThat(DB.count("SELECT count(*) FROM enrollment WHERE workflow_id = cast(? as uuid)", sweep)).isEqualTo(LEADS);

        // on Kafka: each send step's request exactly once (text and email per follow-up, one check-in per swept lead)
        Map<String, Long> followUpSends = perStep(awaitEvents("notification.requested", followUp, LEADS * 2));
        assertThat(followUpSends).hasSize(LEADS * 2).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1L));
        assertThat(followUpSends.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("text", "email");
        Map<String, Long> sweepSends = perStep(awaitEvents("notification.requested", sweep, LEADS));
        assertThat(sweepSends).hasSize(LEADS).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1L));
        assertThat(perStep(awaitEvents("task.requested", followUp, LEADS))).hasSize(LEADS)
                .allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1L));
        Set<UUID> reached = awaitEvents("notification.requested", sweep, LEADS).stream()
                .map(e -> UUID.fromString(e.value().path("leadId").asText())).collect(Collectors.toSet());
        assertThat(reached).containsExactlyInAnyOrderElementsOf(leads);

        // and the work was shared: each replica ran steps (its own step counter)
        assertThat(stepsRun(a)).as("steps run by replica a").isPositive();
        assertThat(stepsRun(b)).as("steps run by replica b").isPositive();
    }

    private static Map<String, Long> perStep(List<CapturedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(
                e -> e.value().path("enrollmentId").asText() + "/" + e.value().path("stepId").asText(), Collectors.counting()));
    }

    /** The records of the workflow on the topic, once at least {@code expected} are there (and a moment for extras). */
    private static List<CapturedEvent> awaitEvents(String topic, String workflowId, int expected) {
        Function<List<CapturedEvent>, List<CapturedEvent>> ofWorkflow = all -> all.stream()
                .filter(e -> workflowId.equals(e.value().path("workflowId").asText())).toList();
        List<List<CapturedEvent>> last = new ArrayList<>(List.of(List.of()));
        await().alias(expected + " " + topic).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(0, ofWorkflow.apply(KafkaEvents.readAll(topic)));
            return last.get(0).size() >= expected;
        });
        return last.get(0);
    }

    /** The sum of the replica's {@code crm.workflow.steps} counter (Prometheus text on the management interface). */
    private static long stepsRun(ServiceJarProcess replica) {
        String metrics = given().baseUri("http://localhost:" + replica.managementPort()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return Math.round(metrics.lines().filter(l -> l.startsWith("crm_workflow_steps_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
    }
}
