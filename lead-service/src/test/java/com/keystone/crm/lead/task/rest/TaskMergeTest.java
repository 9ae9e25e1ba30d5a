package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Merging two leads carries the duplicate's notes and tasks over to the surviving lead (NoteHistory, TaskHistory). */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskMergeTest {
    static final String TENANT = "tasks-realty-merge";
    static String agent;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, "taskmerge-agent-mo", "taskmerge-team", "agent");
    }

    @Test
    void notesAndTasksFollowTheMerge() {
        String keep = TaskFixtures.lead(agent, "Keeper");
        String duplicate = TaskFixtures.lead(agent, "Duplicate");
        String noteId = given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"body\":\"met at the open house\"}")
                .post("/api/v1/leads/" + duplicate + "/notes").then().statusCode(201).extract().path("id");
        String taskId = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"title\":\"Follow up\",\"dueAt\":\"2030-03-01T09:00:00Z\",\"leadId\":\"" + duplicate + "\"}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");

        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"duplicateLeadId\":\"" + duplicate + "\"}")
                .post("/api/v1/leads/" + keep + "/merge").then().statusCode(200);

        given().auth().oauth2(agent).get("/api/v1/leads/" + keep + "/notes").then().statusCode(200)
                .body("items.id", equalTo(List.of(noteId)));
        given().auth().oauth2(agent).get("/api/v1/notes/" + noteId).then().statusCode(200)
                .body("leadId", equalTo(keep)).header("ETag", equalTo("\"2\""));
        given().auth().oauth2(agent).queryParam("leadId", keep).get("/api/v1/tasks").then().statusCode(200)
                .body("items.id", equalTo(List.of(taskId)));
        given().auth().oauth2(agent).get("/api/v1/tasks/" + taskId).then().statusCode(200)
                .body("leadId", equalTo(keep)).body("version", equalTo(2));
        // the duplicate is gone, so are its lists
        given().auth().oauth2(agent).get("/api/v1/leads/" + duplicate + "/notes").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM task WHERE lead_id = ?::uuid", duplicate)).isZero();
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'note-added'", keep)).isEqualTo(1);
    }
}
