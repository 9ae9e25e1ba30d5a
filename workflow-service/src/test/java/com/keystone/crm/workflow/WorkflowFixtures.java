package com.keystone.crm.workflow;

import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Helpers of the workflow-service tests: tokens, definitions over HTTP, lead events on Kafka, database checks. */
public final class WorkflowFixtures {
    public static final TestDatabase DB = new TestDatabase("workflow-service");

    private WorkflowFixtures() {
    }

    public static String admin(String tenant) {
        return TestTokens.token(tenant, "admin-" + tenant, "team-" + tenant, "admin");
    }

    public static String agent(String tenant, String user) {
        return TestTokens.token(tenant, user, "team-" + tenant, "agent");
    }

    /** Creates a workflow and publishes it; answers its id. */
    public static String published(String token, String definition) {
        return published(RestAssured::given, token, definition);
    }

    /** The same at a service elsewhere (a packaged replica at {@code baseUrl}). */
    public static String published(String baseUrl, String token, String definition) {
        return published(() -> given().baseUri(baseUrl), token, definition);
    }

    private static String published(Supplier<RequestSpecification> request, String token, String definition) {
        Response created = request.get().auth().oauth2(token).contentType(ContentType.JSON).body(definition)
                .post("/api/v1/workflows").then().statusCode(201).extract().response();
        String id = created.path("id");
        request.get().auth().oauth2(token).header("If-Match", created.header("ETag"))
                .post("/api/v1/workflows/" + id + "/publish").then().statusCode(200);
        return id;
    }

    public static void leadCreated(String tenant, UUID leadId, String agentId, String timeZone, String... tags) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withStatus(LeadStatus.NEW).withSource("zillow").withCreatedBy("ingestion")
                .withFirstName("Dana").withAssignedAgentId(agentId).withTimezone(timeZone)
                .withEmails(List.of("dana@example.test", "dana.other@example.test")).withPhones(List.of("+14155550188"))
                .withTags(List.of(tags)).withBudgetMax(new BigDecimal("650000"))
                .withConsent(Consent.builder().withEmail(true).withSms(true).build())
                .build());
    }

    public static void statusChanged(String tenant, UUID leadId, long version, LeadStatus from, LeadStatus to) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadStatusChanged.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(version).withOccurredAt(Instant.now())
                .withFromStatus(from).withToStatus(to).withChangedBy("agent-1").build());
    }

    public static void replied(String tenant, UUID leadId, Instant at) {
        KafkaEvents.publish(UUID.randomUUID().toString(), UUID.randomUUID(), "/notification-service", NotificationReplied.builder()
                .withReplyId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L).withOccurredAt(at)
                .withChannel(NotificationReplied.Channel.SMS).withFrom("+14155550123").withBody("Yes, call me")
                .withLeadId(leadId).build());
    }

    public static void listingMatch(String tenant, UUID leadId, String listingKey) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadActivityRecorded.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withActivityId(UUID.randomUUID()).withActivityType("listing-match").withListingKey(listingKey)
                .withSavedSearchId(UUID.randomUUID()).withMatchReason(LeadActivityRecorded.MatchReason.NEW_LISTING)
                .withListPrice(new BigDecimal("599000")).build());
    }

    /** The first notification.requested for the lead that matches. */
    public static CapturedEvent awaitNotification(UUID leadId, Predicate<CapturedEvent> match) {
        return KafkaEvents.awaitEvent("notification.requested",
                e -> leadId.toString().equals(e.value().path("leadId").asText()) && match.test(e), Duration.ofSeconds(60));
    }

    public static List<CapturedEvent> notificationsOf(UUID leadId) {
        return KafkaEvents.readAll("notification.requested").stream()
                .filter(e -> leadId.toString().equals(e.value().path("leadId").asText())).toList();
    }

    /** Waits until the lead is known to the service (its lead.created was applied). */
    public static void awaitLead(UUID leadId) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                DB.count("SELECT count(*) FROM lead_projection WHERE lead_id = '" + leadId + "' AND lead_version >= 1") == 1);
    }

    public static long count(String sql) {
        return DB.count(sql);
    }
}
