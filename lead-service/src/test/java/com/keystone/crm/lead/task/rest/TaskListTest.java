package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** GET /api/v1/tasks: whose tasks, filters, order by due time, cursor pagination, delta sync. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskListTest {
    static final String TENANT = "tasks-realty-list";
    static final String AGENT = "tasklist-agent-lou";
    static final String TEAMMATE = "tasklist-agent-liv";
    static final String OTHER_TEAM = "tasklist-agent-vic";
    static String agent;
    static String teammate;
    static String otherAgent;
    static String teamLead;
    static String admin;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static String leadId;
    static String overdue;
    static String today;
    static String nextWeek;
    static String done;
    static String teammates;
    static String othersTask;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, AGENT, "tasklist-team-a", "agent");
        teammate = TaskFixtures.token(TENANT, TEAMMATE, "tasklist-team-a", "agent");
        otherAgent = TaskFixtures.token(TENANT, OTHER_TEAM, "tasklist-team-b", "agent");
        teamLead = TaskFixtures.token(TENANT, "tasklist-lead-lea", "tasklist-team-a", "team-lead");
        admin = TaskFixtures.token(TENANT, "tasklist-admin-al", null, "admin");
    }

    /** Once, before the first test: REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void tasks() {
        if (othersTask != null) {
            return;
        }
        leadId = TaskFixtures.lead(agent, "Listed");
        nextWeek = create(agent, "Next week", NOW.plus(7, ChronoUnit.DAYS), leadId);
        overdue = create(agent, "Overdue", NOW.minus(1, ChronoUnit.DAYS), leadId);
        today = create(agent, "Today", NOW.plus(1, ChronoUnit.HOURS), null);
        done = create(agent, "Done", NOW.minus(2, ChronoUnit.DAYS), null);
        given().auth().oauth2(agent).post("/api/v1/tasks/" + done + "/complete").then().statusCode(200);
        teammates = create(teammate, "Teammate's", NOW.plus(2, ChronoUnit.DAYS), null);
        othersTask = create(otherAgent, "Other team's", NOW.plus(3, ChronoUnit.DAYS), null);
    }

    static String create(String token, String title, Instant dueAt, String leadId) {
        String lead = leadId == null ? "" : ",\"leadId\":\"" + leadId + "\"";
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"dueAt\":\"" + dueAt + "\"" + lead + "}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    static JsonPath list(String token, String... query) {
        var request = given().auth().oauth2(token);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void byDefaultTheCallersOwnTasksByDueTime() {
        assertThat(list(agent).getList("items.id")).containsExactly(done, overdue, today, nextWeek);
        assertThat(list(teammate).getList("items.id")).containsExactly(teammates);
        assertThat(list(teamLead).getList("items.id")).isEmpty();
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(list(agent, "status", "open").getList("items.id")).containsExactly(overdue, today, nextWeek);
        assertThat(list(agent, "status", "done").getList("items.id")).containsExactly(done);
        assertThat(list(agent, "overdue", "true").getList("items.id")).containsExactly(overdue);
        assertThat(list(agent, "overdue", "true").getList("items.overdue")).containsExactly(true);
        assertThat(list(agent, "overdue", "false").getList("items.id")).containsExactly(done, today, nextWeek);
        assertThat(list(agent, "leadId", leadId).getList("items.id")).containsExactly(overdue, nextWeek);
        assertThat(list(agent, "dueAfter", NOW.toString(), "dueBefore", NOW.plus(3, ChronoUnit.DAYS).toString())
                .getList("items.id")).containsExactly(today);
        assertThat(list(agent, "updatedSince", Instant.now().plus(1, ChronoUnit.HOURS).toString()).getList("items")).isEmpty();
        assertThat(list(agent, "updatedSince", NOW.minus(1, ChronoUnit.HOURS).toString()).getList("items.id"))
                .containsExactly(done, overdue, today, nextWeek);
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = cursor == null ? list(agent, "limit", "1") : list(agent, "limit", "1", "cursor", cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly(done, overdue, today, nextWeek);
    }

    @Test
    void whoseTasksDependsOnTheRole() {
        assertThat(list(teamLead, "assigneeId", AGENT).getList("items.id")).containsExactly(done, overdue, today, nextWeek);
        assertThat(list(admin, "assigneeId", OTHER_TEAM).getList("items.id")).containsExactly(othersTask);
        assertThat(list(agent, "assigneeId", AGENT).getList("items.id")).hasSize(4);
        // with a lead and no assignee: every task on the lead the caller may see
        assertThat(list(admin, "leadId", leadId).getList("items.id")).containsExactly(overdue, nextWeek);
        assertThat(list(teamLead, "leadId", leadId).getList("items.id")).containsExactly(overdue, nextWeek);

        given().auth().oauth2(agent).queryParam("assigneeId", TEAMMATE).get("/api/v1/tasks").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/tasks-not-visible"));
        given().auth().oauth2(teamLead).queryParam("assigneeId", OTHER_TEAM).get("/api/v1/tasks").then().statusCode(403);
        given().auth().oauth2(otherAgent).queryParam("leadId", leadId).get("/api/v1/tasks").then().statusCode(404);
    }

    @Test
    void badParametersAreReportedTogether() {
        given().auth().oauth2(agent)
                .queryParam("status", "someday").queryParam("overdue", "yes").queryParam("dueBefore", "friday")
                .queryParam("leadId", "lead-1").queryParam("limit", "500").queryParam("cursor", "bm90LWEtY3Vyc29y")
                .queryParam("updatedSince", "2026-13-01")
                .get("/api/v1/tasks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem("status"))
                .body("errors.field", hasItem("overdue"))
                .body("errors.field", hasItem("dueBefore"))
                .body("errors.field", hasItem("leadId"))
                .body("errors.field", hasItem("limit"))
                .body("errors.field", hasItem("cursor"))
                .body("errors.field", hasItem("updatedSince"));
    }
}
