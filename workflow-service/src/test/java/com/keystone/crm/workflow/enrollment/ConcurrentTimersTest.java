package com.keystone.crm.workflow.enrollment;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many timers falling due at once, claimed by two worker slots ({@code FOR UPDATE SKIP LOCKED} plus leases): every
 * step runs exactly once, every message is requested exactly once.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class ConcurrentTimersTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void timersDueTogetherRunEachStepOnce() {
        String tenant = "timers-1";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Later", "trigger": {"type": "manual"}, "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "PT10M", "next": "email"},
                           {"id": "email", "type": "send", "channel": "email", "templateKey": "later.email", "next": "tag"},
                           {"id": "tag", "type": "update", "addTags": ["later-done"]}]}""");
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID lead = UUID.randomUUID();
            leadCreated(tenant, lead, "agent-t", null);
            leads.add(lead);
        }
        leads.forEach(lead -> awaitLead(lead));
        for (UUID lead : leads) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                    .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201);
        }
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT count(*) FROM enrollment WHERE workflow_id = '"
                + workflow + "' AND state = 'completed'") == 30);
        assertThat(count("SELECT count(*) FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id"
                + " WHERE e.workflow_id = '" + workflow + "'")).isEqualTo(90);
        // one batch may carry all 30 chains: their records reach the two topics in no particular order between them
        await().atMost(Duration.ofSeconds(30)).until(() -> ofWorkflow("notification.requested", workflow).size() >= 30
                && ofWorkflow("lead.update-requested", workflow).size() >= 30);
        Map<String, Long> perLead = ofWorkflow("notification.requested", workflow).stream()
                .collect(Collectors.groupingBy(e -> e.value().path("leadId").asText(), Collectors.counting()));
        assertThat(perLead).hasSize(30).allSatisfy((lead, n) -> assertThat(n).isEqualTo(1));
        List<CapturedEvent> updates = ofWorkflow("lead.update-requested", workflow);
        assertThat(updates).hasSize(30);
        updates.forEach(KafkaEvents::assertSchemaValid);
    }

    private static List<CapturedEvent> ofWorkflow(String topic, String workflow) {
        return KafkaEvents.readAll(topic).stream().filter(e -> workflow.equals(e.value().path("workflowId").asText())).toList();
    }
}
