package com.keystone.crm.lead.timeline.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Notes on a lead: POST/GET /api/v1/leads/{id}/notes, GET/PATCH/DELETE /api/v1/notes/{noteId}. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class NoteResourceTest {
    static final String TENANT = "notes-realty-1";
    static String agent;
    static String colleague;
    static String teamLead;
    static String admin;
    static String outsider;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, "notes-agent-nora", "notes-team-a", "agent");
        colleague = TaskFixtures.token(TENANT, "notes-agent-ned", "notes-team-b", "agent");
        teamLead = TaskFixtures.token(TENANT, "notes-lead-nina", "notes-team-a", "team-lead");
        admin = TaskFixtures.token(TENANT, "notes-admin-nat", null, "admin");
        outsider = TaskFixtures.token("notes-realty-2", "notes-admin-olaf", null, "admin");
    }

    static String note(String token, String leadId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json(body))
                .post("/api/v1/leads/" + leadId + "/notes").then().statusCode(201).extract().path("id");
    }

    static String json(String body) {
        return "{\"body\":\"" + body + "\"}";
    }

    @Test
    void addingANoteRecordsItOnTheTimelineAndPublishesTheActivity() {
        String leadId = TaskFixtures.lead(agent, "Noted");
        String noteId = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(json("Prefers  mornings;\\n wants a garden"))
                .post("/api/v1/leads/" + leadId + "/notes")
                .then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .header("Location", containsString("/api/v1/notes/"))
                .body("leadId", equalTo(leadId))
                .body("authorId", equalTo("notes-agent-nora"))
                .body("body", equalTo("Prefers  mornings;\n wants a garden"))
                .body("version", equalTo(1))
                .extract().path("id");

        given().auth().oauth2(agent).get("/api/v1/notes/" + noteId).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("id", equalTo(noteId));
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'note-added' "
                + "AND actor_id = 'notes-agent-nora' AND summary = 'Prefers mornings; wants a garden'", leadId)).isEqualTo(1);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> leadId.equals(e.key()) && "note-added".equals(e.value().path("activityType").asText()));
        KafkaEvents.assertCloudEvent(event, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.value().path("actorId").asText()).isEqualTo("notes-agent-nora");
        assertThat(event.value().path("details").path("noteId").asText()).isEqualTo(noteId);
    }

    @Test
    void notesListNewestFirstPageByPage() {
        String leadId = TaskFixtures.lead(agent, "Paged");
        String first = note(agent, leadId, "first");
        String second = note(teamLead, leadId, "second");
        String third = note(admin, leadId, "third");

        var page1 = given().auth().oauth2(agent).queryParam("limit", 2)
                .get("/api/v1/leads/" + leadId + "/notes").then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.id")).containsExactly(third, second);
        String cursor = page1.getString("nextCursor");
        assertThat(cursor).isNotBlank();

        given().auth().oauth2(agent).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/leads/" + leadId + "/notes").then().statusCode(200)
                .body("items.id", equalTo(List.of(first)))
                .body("nextCursor", nullValue());

        given().auth().oauth2(agent).queryParam("limit", 0).queryParam("cursor", "%%%")
                .get("/api/v1/leads/" + leadId + "/notes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("limit"))
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void onlyTheAuthorOrAnAdminEditsAndEditsNeedTheCurrentVersion() {
        String leadId = TaskFixtures.lead(agent, "Edited");
        String noteId = note(agent, leadId, "draft");
        String path = "/api/v1/notes/" + noteId;

        given().auth().oauth2(agent).contentType(ContentType.JSON).body(json("no version"))
                .patch(path).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"x\"").body(json("bad tag"))
                .patch(path).then().statusCode(412);
        // the team lead sees the lead (same team) but did not write the note
        given().auth().oauth2(teamLead).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("hijack"))
                .patch(path).then().statusCode(403)
                .body("type", equalTo("https://keystone-crm.dev/problems/not-note-author"));
        given().auth().oauth2(colleague).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("peek"))
                .patch(path).then().statusCode(404);

        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("final"))
                .patch(path).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("body", equalTo("final"))
                .body("version", equalTo(2));
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json("stale"))
                .patch(path).then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-failed"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(json("by admin"))
                .patch(path).then().statusCode(200).header("ETag", equalTo("\"3\""));
        assertThat(count("SELECT count(*) FROM note WHERE id = ?::uuid AND body = 'by admin'", noteId)).isEqualTo(1);
    }

    @Test
    void deletingHidesTheNoteButKeepsTheTimeline() {
        String leadId = TaskFixtures.lead(agent, "Deleted");
        String noteId = note(agent, leadId, "to be removed");
        String path = "/api/v1/notes/" + noteId;

        given().auth().oauth2(teamLead).delete(path).then().statusCode(403);
        given().auth().oauth2(agent).header("If-Match", "\"7\"").delete(path).then().statusCode(412);
        given().auth().oauth2(agent).header("If-Match", "\"1\"").delete(path).then().statusCode(204);

        given().auth().oauth2(agent).get(path).then().statusCode(404);
        given().auth().oauth2(agent).delete(path).then().statusCode(404);
        given().auth().oauth2(agent).get("/api/v1/leads/" + leadId + "/notes").then().statusCode(200)
                .body("items", equalTo(List.of()));
        assertThat(count("SELECT count(*) FROM note WHERE id = ?::uuid AND deleted_at IS NOT NULL "
                + "AND deleted_by = 'notes-agent-nora'", noteId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'note-added'", leadId)).isEqualTo(1);
    }

    @Test
    void idempotencyKeyReplaysTheFirstNote() {
        String leadId = TaskFixtures.lead(agent, "Retried");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(json("once")).post("/api/v1/leads/" + leadId + "/notes")
                .then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(json("once")).post("/api/v1/leads/" + leadId + "/notes")
                .then().statusCode(201).extract().path("id"); // the first answer, replayed
        assertThat(again).isEqualTo(first);
        given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(json("twice")).post("/api/v1/leads/" + leadId + "/notes")
                .then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/idempotency-key-reused"));
        assertThat(count("SELECT count(*) FROM note WHERE lead_id = ?::uuid", leadId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'note-added'", leadId)).isEqualTo(1);
    }

    @Test
    void someoneWhoCannotSeeTheLeadGets404AndBadInputWritesNothing() {
        String leadId = TaskFixtures.lead(agent, "Private");
        String noteId = note(agent, leadId, "private");
        long notes = count("SELECT count(*) FROM note");
        long events = count("SELECT count(*) FROM outbox_event");

        for (String stranger : List.of(colleague, outsider)) {
            given().auth().oauth2(stranger).get("/api/v1/leads/" + leadId + "/notes").then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(json("sneak"))
                    .post("/api/v1/leads/" + leadId + "/notes").then().statusCode(404);
            given().auth().oauth2(stranger).get("/api/v1/notes/" + noteId).then().statusCode(404);
            given().auth().oauth2(stranger).delete("/api/v1/notes/" + noteId).then().statusCode(404);
        }
        given().auth().oauth2(agent).get("/api/v1/notes/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(json("x"))
                .post("/api/v1/leads/not-a-uuid/notes").then().statusCode(404);

        String notesPath = "/api/v1/leads/" + leadId + "/notes";
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(json("   "))
                .post(notesPath).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("body"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{}")
                .post(notesPath).then().statusCode(400).body("errors.field", hasItem("body"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(json("x".repeat(10_001)))
                .post(notesPath).then().statusCode(400).body("errors.field", hasItem("body"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"body\": [\"a\"]}")
                .post(notesPath).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .post(notesPath).then().statusCode(400);
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(json(""))
                .patch("/api/v1/notes/" + noteId).then().statusCode(400).body("errors.field", hasItem("body"));

        // the longest note there may be is fine
        note(agent, leadId, "y".repeat(10_000));
        assertThat(count("SELECT count(*) FROM note")).isEqualTo(notes + 1);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(events + 1);
    }
}
