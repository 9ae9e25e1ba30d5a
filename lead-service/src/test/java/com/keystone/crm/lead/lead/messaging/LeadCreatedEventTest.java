package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/leads → lead row + outbox row → Debezium relay → lead.created on Kafka. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadCreatedEventTest {
    static final String TENANT = "summit-homes";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "agent-cara", "team-a", "agent");
    }

    @Test
    void createdLeadIsPublishedWithKeyHeadersAndAValidPayload() {
        String id = given().auth().oauth2(TestTokens.token(TENANT, "agent-cara", "team-a", "agent"))
                .contentType(ContentType.JSON)
                .body("{\"firstName\":\"Eve\",\"lastName\":\"Event\",\"email\":\"eve@example.com\",\"source\":\"website\",\"type\":\"seller\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE aggregateid = ? AND type = 'lead.created'", id))
                .isEqualTo(1);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.created", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(event, "lead.created", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.header("ce_tenant")).isEqualTo(TENANT);
        assertThat(event.value().isObject()).as("payload is a JSON object, not an escaped string").isTrue();
        assertThat(event.value().get("leadId").asText()).isEqualTo(id);
        assertThat(event.value().get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(event.value().get("status").asText()).isEqualTo("new");
        assertThat(event.value().get("version").asInt()).isEqualTo(1);
        assertThat(event.value().get("emails").get(0).asText()).isEqualTo("eve@example.com");
        assertThat(event.value().get("assignedAgentId").asText()).isEqualTo("agent-cara");
        String ceId = event.header("ce_id");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE id = ?::uuid", ceId)).isEqualTo(1);
    }
}
