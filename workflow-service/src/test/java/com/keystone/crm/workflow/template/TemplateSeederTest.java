package com.keystone.crm.workflow.template;

import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.agent;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** The three template workflows: seeded once per tenant, published and paused. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class TemplateSeederTest {
    @Test
    void anAdminSeedsTheTemplatesOnce() {
        String token = admin("templates-1");
        given().auth().oauth2(token).post("/api/v1/workflows/templates").then().statusCode(200)
                .body("", hasSize(3))
                .body("templateKey", hasItems("speed-to-lead", "re-engagement", "listing-alerts"))
                .body("status", everyItem(equalTo("paused")))
                .body("publishedVersion", everyItem(equalTo(1)));
        given().auth().oauth2(token).post("/api/v1/workflows/templates").then().statusCode(200).body("", hasSize(3));
        given().auth().oauth2(agent("templates-1", "agent-t")).post("/api/v1/workflows/templates").then().statusCode(403);
    }

    @Test
    void aTenantsFirstLeadSeedsThemAndNoPausedTemplateEnrollsIt() {
        UUID lead = UUID.randomUUID();
        leadCreated("templates-2", lead, "agent-t2", null);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM workflow WHERE tenant_id = 'templates-2' AND template_key IS NOT NULL") == 3);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM lead_projection WHERE lead_id = '" + lead + "'") == 1);
        org.assertj.core.api.Assertions.assertThat(count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead + "'")).isZero();
    }

    @Test
    void theSpeedToLeadTemplateOnceResumedTextsANewLeadAndTasksTheAgent() {
        String token = admin("templates-3");
        String id = given().auth().oauth2(token).post("/api/v1/workflows/templates").then().statusCode(200)
                .extract().path("find { it.templateKey == 'speed-to-lead' }.id");
        String etag = given().auth().oauth2(token).get("/api/v1/workflows/" + id).header("ETag");
        given().auth().oauth2(token).header("If-Match", etag).post("/api/v1/workflows/" + id + "/resume").then().statusCode(200);
        UUID lead = UUID.randomUUID();
        leadCreated("templates-3", lead, "agent-t3", "America/New_York");
        com.keystone.crm.workflow.WorkflowFixtures.awaitNotification(lead,
                e -> "speed-to-lead.intro-text".equals(e.value().path("templateKey").asText()));
        com.keystone.crm.platform.testkit.KafkaEvents.awaitEvent("task.requested",
                e -> e.key().equals(lead.toString()) && "urgent".equals(e.value().path("priority").asText()));
    }
}
