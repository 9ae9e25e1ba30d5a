package com.keystone.crm.lead.lead.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The mobile app's delta sync (DESIGN §6, issue #10): a client keeps a local copy of its leads, their notes and its
 * tasks; after a full sync the server changes, deletes and merges; a delta sync with {@code updatedSince} (tombstones
 * for what went away) must leave the copy exactly equal to what the server now lists.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class DeltaSyncTest {
    static final String TENANT = "sync-realty";

    static String agent() {
        return TaskFixtures.token(TENANT, "sync-ann", "north", "agent");
    }

    /** The app's local store: leads, notes and tasks by id, as the server last showed them. */
    static final class MobileClient {
        final Map<String, Map<String, Object>> leads = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> notes = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> tasks = new LinkedHashMap<>();
        Instant lastSync;
        int tombstonesSeen;

        void fullSync() {
            lastSync = Instant.now();
            leads.clear();
            notes.clear();
            tasks.clear();
            walk("/api/v1/leads", Map.of("sort", "updatedAt"), this::applyLead);
            for (String lead : List.copyOf(leads.keySet())) {
                walk("/api/v1/leads/" + lead + "/notes", Map.of(), this::applyNote);
            }
            walk("/api/v1/tasks", Map.of(), item -> tasks.put((String) item.get("id"), item));
        }

        void deltaSync() {
            // the next sync starts where this one began: what changes while it runs is fetched again, harmlessly
            Instant since = lastSync;
            lastSync = Instant.now();
            Map<String, String> params = Map.of("updatedSince", since.toString(), "sort", "updatedAt");
            walk("/api/v1/leads", params, this::applyLead);
            for (String lead : List.copyOf(leads.keySet())) {
                walk("/api/v1/leads/" + lead + "/notes", Map.of("updatedSince", since.toString()), this::applyNote);
            }
            walk("/api/v1/tasks", Map.of("updatedSince", since.toString()), item -> tasks.put((String) item.get("id"), item));
        }

        void applyLead(Map<String, Object> item) {
            String id = (String) item.get("id");
            if (Boolean.TRUE.equals(item.get("deleted"))) {
                tombstonesSeen++;
                assertThat(item).containsKey("deletedAt").doesNotContainKey("lastName");
                leads.remove(id);
                // a deleted lead's notes go with it; a merged one's moved to the survivor and arrive with its notes
                notes.values().removeIf(n -> id.equals(n.get("leadId")));
                if (item.get("mergedInto") != null) {
                    assertThat(leads).containsKey((String) item.get("mergedInto"));
                }
            } else {
                leads.put(id, item);
            }
        }

        void applyNote(Map<String, Object> item) {
            if (Boolean.TRUE.equals(item.get("deleted"))) {
                tombstonesSeen++;
                notes.remove((String) item.get("id"));
            } else {
                notes.put((String) item.get("id"), item);
            }
        }
    }

    /** Every page of a list, cursor by cursor, small pages so paging is part of the sync. */
    static void walk(String path, Map<String, String> params, java.util.function.Consumer<Map<String, Object>> apply) {
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(agent()).queryParams(params).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(apply);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(cursor).as("the walk of %s ended", path).isNull();
    }

    static Map<String, Map<String, Object>> serverList(String path) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        walk(path, Map.of(), item -> all.put((String) item.get("id"), item));
        return all;
    }

    static String note(String lead, String body) {
        return given().auth().oauth2(agent()).contentType(ContentType.JSON).body(Map.of("body", body))
                .post("/api/v1/leads/" + lead + "/notes").then().statusCode(201).extract().path("id");
    }

    static String task(String lead, String title) {
        return given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .body(Map.of("title", title, "leadId", lead, "dueAt", Instant.now().plus(2, ChronoUnit.DAYS).toString()))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    static String etag(String path) {
        return given().auth().oauth2(agent()).get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aDeltaSyncAfterChangesDeletesAndAMergeEndsWithTheServersState() {
        String kept = TaskFixtures.lead(agent(), "Kept");
        String edited = TaskFixtures.lead(agent(), "Edited");
        String deleted = TaskFixtures.lead(agent(), "Deleted");
        String survivor = TaskFixtures.lead(agent(), "Survivor");
        String duplicate = TaskFixtures.lead(agent(), "Duplicate");
        String keptNote = note(kept, "stays as it is");
        String editedNote = note(edited, "first draft");
        String deletedNote = note(edited, "to be removed");
        String movedNote = note(duplicate, "said on the duplicate");
        note(deleted, "goes with its lead");
        String keptTask = task(kept, "Call back");
        String movedTask = task(duplicate, "Send listings");

        MobileClient phone = new MobileClient();
        phone.fullSync();
        assertThat(phone.leads).containsKeys(kept, edited, deleted, survivor, duplicate);
        assertThat(phone.notes).containsKeys(keptNote, editedNote, deletedNote, movedNote);
        assertThat(phone.tasks).containsKeys(keptTask, movedTask);
        String keptLeadTag = etag("/api/v1/leads/" + kept);
        String keptNoteTag = etag("/api/v1/notes/" + keptNote);
        String keptTaskTag = etag("/api/v1/tasks/" + keptTask);
        String editedLeadTag = etag("/api/v1/leads/" + edited);

        // the server moves on while the phone is offline
        given().auth().oauth2(agent()).contentType("application/merge-patch+json").header("If-Match", editedLeadTag)
                .body("{\"city\":\"Boulder\"}").patch("/api/v1/leads/" + edited).then().statusCode(200);
        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", etag("/api/v1/notes/" + editedNote))
                .body(Map.of("body", "second draft")).patch("/api/v1/notes/" + editedNote).then().statusCode(200);
        given().auth().oauth2(agent()).delete("/api/v1/notes/" + deletedNote).then().statusCode(204);
        given().auth().oauth2(agent()).header("If-Match", etag("/api/v1/leads/" + deleted))
                .delete("/api/v1/leads/" + deleted).then().statusCode(204);
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(Map.of("duplicateLeadId", duplicate))
                .post("/api/v1/leads/" + survivor + "/merge").then().statusCode(200);
        String added = TaskFixtures.lead(agent(), "Added");
        String addedNote = note(added, "a new lead's note");

        phone.deltaSync();

        // exactly the server's state, field by field (versions, times, the merged lead's new notes and tasks)
        assertThat(phone.leads).isEqualTo(serverList("/api/v1/leads"));
        Map<String, Map<String, Object>> serverNotes = new LinkedHashMap<>();
        for (String lead : phone.leads.keySet()) {
            serverNotes.putAll(serverList("/api/v1/leads/" + lead + "/notes"));
        }
        assertThat(phone.notes).isEqualTo(serverNotes);
        assertThat(phone.tasks).isEqualTo(serverList("/api/v1/tasks"));
        assertThat(phone.leads).containsKeys(kept, edited, survivor, added).doesNotContainKeys(deleted, duplicate);
        assertThat(phone.leads.get(edited).get("city")).isEqualTo("Boulder");
        assertThat(phone.notes.get(editedNote).get("body")).isEqualTo("second draft");
        assertThat(phone.notes).doesNotContainKey(deletedNote).containsKey(addedNote);
        assertThat(phone.notes.get(movedNote).get("leadId")).isEqualTo(survivor);
        assertThat(phone.tasks.get(movedTask).get("leadId")).isEqualTo(survivor);
        assertThat(phone.tombstonesSeen).isGreaterThanOrEqualTo(3);

        // what did not change is not sent again: 304 on the ETags the phone holds, 200 with a new one otherwise
        notModified("/api/v1/leads/" + kept, keptLeadTag);
        notModified("/api/v1/notes/" + keptNote, keptNoteTag);
        notModified("/api/v1/tasks/" + keptTask, keptTaskTag);
        given().auth().oauth2(agent()).header("If-None-Match", editedLeadTag).get("/api/v1/leads/" + edited)
                .then().statusCode(200).body("city", equalTo("Boulder"));
    }

    static void notModified(String path, String tag) {
        Response r = given().auth().oauth2(agent()).header("If-None-Match", tag).get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(304);
        assertThat(r.header("ETag")).isEqualTo(tag);
        assertThat(r.asString()).isEmpty();
        // the weak form of the same tag also matches (If-None-Match compares weakly, RFC 9110)
        given().auth().oauth2(agent()).header("If-None-Match", "W/" + tag).get(path).then().statusCode(304);
    }

    @Test
    void aDeletedOrMergedLeadIsATombstoneOnlyInADeltaList() {
        Instant before = Instant.now();
        String gone = TaskFixtures.lead(agent(), "Tomb");
        String survivor = TaskFixtures.lead(agent(), "Host");
        String merged = TaskFixtures.lead(agent(), "Guest");
        given().auth().oauth2(agent()).header("If-Match", "*").delete("/api/v1/leads/" + gone).then().statusCode(204);
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(Map.of("duplicateLeadId", merged))
                .post("/api/v1/leads/" + survivor + "/merge").then().statusCode(200);

        Map<String, Map<String, Object>> delta = new LinkedHashMap<>();
        walk("/api/v1/leads", Map.of("updatedSince", before.toString()), item -> delta.put((String) item.get("id"), item));
        assertThat(delta.get(gone)).containsEntry("deleted", true).containsKey("deletedAt").doesNotContainKey("mergedInto")
                .containsOnlyKeys("id", "deleted", "deletedAt");
        assertThat(delta.get(merged)).containsEntry("deleted", true).containsEntry("mergedInto", survivor);
        assertThat(delta.get(survivor)).doesNotContainKey("deleted").containsEntry("lastName", "Host");
        // an ordinary list shows live leads only
        assertThat(serverList("/api/v1/leads")).doesNotContainKeys(gone, merged).containsKey(survivor);
    }

    @Test
    void hostileUpdatedSinceValuesAreProblemsNamingTheField() {
        String lead = TaskFixtures.lead(agent(), "Hostile");
        List<String> paths = List.of("/api/v1/leads", "/api/v1/leads/" + lead + "/notes", "/api/v1/tasks",
                "/api/v1/saved-searches");
        for (String path : paths) {
            for (String bad : List.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                    "+10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday", "1733454000")) {
                given().auth().oauth2(agent()).queryParam("updatedSince", bad).get(path)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("errors.field", hasItem("updatedSince"));
            }
            // with other bad parameters, one problem names them all
            given().auth().oauth2(agent()).queryParam("updatedSince", "soon").queryParam("limit", 0).get(path)
                    .then().statusCode(400).body("errors.field", hasItem("updatedSince")).body("errors.field", hasItem("limit"));
            // the far edges of the calendar are answers, not errors
            given().auth().oauth2(agent()).queryParam("updatedSince", "9999-12-31T23:59:59Z").get(path)
                    .then().statusCode(200).body("items.size()", equalTo(0));
            given().auth().oauth2(agent()).queryParam("updatedSince", "0001-01-01T00:00:00Z").queryParam("limit", 1)
                    .get(path).then().statusCode(200);
        }
        // a delta list's cursor is its own: the plain list's cursor is refused, not read as a position
        note(lead, "one");
        note(lead, "two");
        String plainCursor = given().auth().oauth2(agent()).queryParam("limit", 1).get("/api/v1/leads/" + lead + "/notes")
                .then().statusCode(200).extract().path("nextCursor");
        given().auth().oauth2(agent()).queryParam("limit", 1).queryParam("cursor", plainCursor)
                .queryParam("updatedSince", "2020-01-01T00:00:00Z").get("/api/v1/leads/" + lead + "/notes")
                .then().statusCode(400).body("errors.field", hasItem("cursor"));
    }
}
