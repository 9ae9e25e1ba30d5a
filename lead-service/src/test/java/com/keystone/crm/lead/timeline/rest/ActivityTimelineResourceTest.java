package com.keystone.crm.lead.timeline.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** A lead's timeline: GET and POST /api/v1/leads/{id}/activities. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class ActivityTimelineResourceTest {
    static final String TENANT = "timeline-realty-1";
    static final String AGENT = "timeline-agent-tia";
    static String agent;
    static String otherAgent;
    static String outsider;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, AGENT, "timeline-team-a", "agent");
        otherAgent = TaskFixtures.token(TENANT, "timeline-agent-ole", "timeline-team-b", "agent");
        outsider = TaskFixtures.token("timeline-realty-2", "timeline-admin-zed", null, "admin");
    }

    static String log(String leadId, String json) {
        return given().auth().oauth2(agent).contentType(ContentType.JSON).body(json)
                .post("/api/v1/leads/" + leadId + "/activities").then().statusCode(201).extract().path("id");
    }

    static String entry(String type, String summary, Instant at) {
        return "{\"type\":\"" + type + "\",\"summary\":\"" + summary + "\"" + (at == null ? "" : ",\"occurredAt\":\"" + at + "\"") + "}";
    }

    static JsonPath timeline(String leadId, String... query) {
        var request = given().auth().oauth2(agent);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/leads/" + leadId + "/activities").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLoggedCallIsOnTheTimelineAndPublished() {
        String leadId = TaskFixtures.lead(agent, "Called");
        String id = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(entry("call-logged", "Left a voicemail", null))
                .post("/api/v1/leads/" + leadId + "/activities").then().statusCode(201)
                .body("type", equalTo("call-logged"))
                .body("channel", equalTo("call"))
                .body("summary", equalTo("Left a voicemail"))
                .body("actorId", equalTo(AGENT))
                .body("leadId", equalTo(leadId))
                .extract().path("id");

        CapturedEvent event = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> id.equals(e.value().path("activityId").asText()));
        KafkaEvents.assertCloudEvent(event, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.key()).isEqualTo(leadId);
        assertThat(event.value().path("activityType").asText()).isEqualTo("call-logged");
        assertThat(event.value().path("channel").asText()).isEqualTo("call");
        assertThat(event.value().path("actorId").asText()).isEqualTo(AGENT);
    }

    @Test
    void theTimelineIsNewestFirstFilteredAndPaged() {
        String leadId = TaskFixtures.lead(agent, "Timeline");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String call = log(leadId, entry("call-logged", "Intro call", now.minus(3, ChronoUnit.DAYS)));
        String viewing = log(leadId, entry("property-viewed", "Saw 12 Elm St", now.minus(2, ChronoUnit.DAYS)));
        String email = log(leadId, "{\"type\":\"email-sent\",\"summary\":\"Sent listings\",\"channel\":\"email\",\"occurredAt\":\""
                + now.minus(1, ChronoUnit.DAYS) + "\"}");
        String meeting = log(leadId, entry("meeting", "Coffee", now.minus(1, ChronoUnit.HOURS)));

        assertThat(timeline(leadId).getList("items.id")).containsExactly(meeting, email, viewing, call);
        assertThat(timeline(leadId, "type", "call-logged", "type", "meeting").getList("items.id")).containsExactly(meeting, call);
        assertThat(timeline(leadId, "type", "email-sent,property-viewed").getList("items.id")).containsExactly(email, viewing);
        assertThat(timeline(leadId, "since", now.minus(36, ChronoUnit.HOURS).toString()).getList("items.id"))
                .containsExactly(meeting, email);
        assertThat(timeline(leadId, "type", "property-viewed").getString("items[0].channel")).isEqualTo("in-person");

        JsonPath first = timeline(leadId, "limit", "3");
        assertThat(first.getList("items.id")).containsExactly(meeting, email, viewing);
        JsonPath second = timeline(leadId, "limit", "3", "cursor", first.getString("nextCursor"));
        assertThat(second.getList("items.id")).containsExactly(call);
        assertThat(second.getString("nextCursor")).isNull();

        given().auth().oauth2(agent).queryParam("type", "Call Logged").queryParam("since", "yesterday")
                .get("/api/v1/leads/" + leadId + "/activities").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("since"));
    }

    @Test
    void badEntriesAreRefusedAndWriteNothing() {
        String leadId = TaskFixtures.lead(agent, "Refused");
        String path = "/api/v1/leads/" + leadId + "/activities";
        long events = count("SELECT count(*) FROM outbox_event");

        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(entry("call-logged", "From the future", Instant.now().plus(1, ChronoUnit.HOURS)))
                .post(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("occurredAt"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"type\":\"score-change\",\"summary\":\"forged\",\"channel\":\"fax\"}")
                .post(path).then().statusCode(400)
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("channel"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"type\":\"other\"}")
                .post(path).then().statusCode(400).body("errors.field", hasItem("summary"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"type\":\"other\",\"summary\":\"" + "s".repeat(501) + "\"}")
                .post(path).then().statusCode(400).body("errors.field", hasItem("summary"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"type\":\"other\",\"summary\":\"x\",\"occurredAt\":\"last tuesday\"}")
                .post(path).then().statusCode(400).body("errors.field", hasItem("occurredAt"));

        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid", leadId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(events);

        // a phone clock a few seconds ahead is not "the future"
        log(leadId, entry("sms-sent", "Texted the address", Instant.now().plusSeconds(5)));
    }

    @Test
    void someoneWhoCannotSeeTheLeadGets404() {
        String leadId = TaskFixtures.lead(agent, "Hidden");
        for (String stranger : List.of(otherAgent, outsider)) {
            given().auth().oauth2(stranger).get("/api/v1/leads/" + leadId + "/activities").then().statusCode(404);
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(entry("other", "sneaky", null))
                    .post("/api/v1/leads/" + leadId + "/activities").then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(agent).get("/api/v1/leads/not-a-uuid/activities").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid", leadId)).isZero();
    }

    @Test
    void idempotencyKeyLogsOnce() {
        String leadId = TaskFixtures.lead(agent, "Once");
        String key = UUID.randomUUID().toString();
        String json = entry("call-logged", "Discussed financing", Instant.now().minusSeconds(60));
        String first = given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON).body(json)
                .post("/api/v1/leads/" + leadId + "/activities").then().statusCode(201).extract().path("id");
        given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON).body(json)
                .post("/api/v1/leads/" + leadId + "/activities").then().statusCode(201)
                .body("id", equalTo(first));
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid", leadId)).isEqualTo(1);
        assertThat(timeline(leadId).getString("nextCursor")).isNull();
        given().auth().oauth2(agent).get("/api/v1/leads/" + leadId + "/activities").then()
                .body("nextCursor", nullValue()).body("items.size()", equalTo(1));
    }
}
