package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** contact.opted-out turns the channel's consent off, once, and says so on lead.updated. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class ContactOptedOutConsumerTest {
    static final String TENANT = "optout-realty";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "agent-opal", "team-o", "agent");
    }

    @Test
    void anSmsStopEndsSmsAndCallConsent() {
        String token = TestTokens.token(TENANT, "agent-opal", "team-o", "agent");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Stop\",\"phone\":\"+13035550199\",\"source\":\"website\",\"consent\":{\"sms\":true,\"call\":true,\"email\":true}}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        UUID suppression = UUID.randomUUID();
        ContactOptedOut p = ContactOptedOut.builder()
                .withSuppressionId(suppression)
                .withTenantId(TENANT)
                .withVersion(1L)
                .withOccurredAt(Instant.now())
                .withChannel(Channel.SMS)
                .withAddress("+13035550199")
                .withSource(ContactOptedOut.Source.SMS_KEYWORD)
                .withKeyword("STOP")
                .build();
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(suppression.toString(), eventId, "/notification-service", p);
        KafkaEvents.publish(suppression.toString(), eventId, "/notification-service", p);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDirectory.DB.count("SELECT count(*) FROM lead WHERE id = ?::uuid AND consent_sms = false", id) == 1);
        given().auth().oauth2(token).get("/api/v1/leads/" + id).then().statusCode(200)
                .body("consent.sms", equalTo(false)).body("consent.call", equalTo(false)).body("consent.email", equalTo(true));
        CapturedEvent updated = KafkaEvents.awaitEvent("lead.updated", e -> id.equals(e.key())
                && e.value().path("changedFields").toString().contains("consent"));
        KafkaEvents.assertSchemaValid(updated);
        assertThat(updated.value().get("updatedBy").asText()).isEqualTo("notification-service");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'opt-out'", id))
                .isEqualTo(1);
    }
}
