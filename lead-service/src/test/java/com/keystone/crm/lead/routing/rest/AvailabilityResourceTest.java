package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.RoutingFixtures;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** /api/v1/agents/{userId}/availability: who may pause whom, timed pauses, bad input. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class AvailabilityResourceTest {
    static final String TENANT = "routing-availability-1";

    @Test
    void theAgentTheirTeamLeadAndAnAdminMayPauseAndResume() {
        RoutingFixtures f = new RoutingFixtures(TENANT, "ra1-admin");
        TestDirectory.ensureUser(TENANT, "ra1-ann", "ra1-north", "agent");
        TestDirectory.ensureUser(TENANT, "ra1-bob", "ra1-south", "agent");
        TestDirectory.ensureUser(TENANT, "ra1-tl", "ra1-north", "team-lead");
        String ann = f.token("ra1-ann", "ra1-north", "agent");

        given().auth().oauth2(ann).get("/api/v1/agents/ra1-ann/availability").then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("paused", equalTo(false)).body("available", equalTo(true)).body("version", equalTo(0));

        String until = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        given().auth().oauth2(ann).contentType(ContentType.JSON).body("{\"paused\":true,\"until\":\"" + until + "\"}")
                .put("/api/v1/agents/ra1-ann/availability").then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("paused", equalTo(true)).body("until", equalTo(until)).body("available", equalTo(false))
                .body("updatedBy", equalTo("ra1-ann"));
        given().auth().oauth2(f.token("ra1-tl", "ra1-north", "team-lead")).contentType(ContentType.JSON)
                .header("If-Match", "\"0\"").body("{\"paused\":false}")
                .put("/api/v1/agents/ra1-ann/availability").then().statusCode(412);
        given().auth().oauth2(f.token("ra1-tl", "ra1-north", "team-lead")).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").body("{\"paused\":false}")
                .put("/api/v1/agents/ra1-ann/availability").then().statusCode(200)
                .body("paused", equalTo(false)).body("until", nullValue()).body("updatedBy", equalTo("ra1-tl"));
        given().auth().oauth2(f.adminToken()).contentType(ContentType.JSON).body("{\"paused\":true}")
                .put("/api/v1/agents/ra1-bob/availability").then().statusCode(200)
                .body("paused", equalTo(true)).body("until", nullValue());

        // another agent, another team's lead, another tenant: as if the agent did not exist
        given().auth().oauth2(f.token("ra1-bob", "ra1-south", "agent")).contentType(ContentType.JSON)
                .body("{\"paused\":true}").put("/api/v1/agents/ra1-ann/availability").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(f.token("ra1-tl", "ra1-north", "team-lead")).get("/api/v1/agents/ra1-bob/availability")
                .then().statusCode(404);
        TestDirectory.ensureUser("routing-availability-2", "ra2-admin", null, "admin");
        given().auth().oauth2(TestTokens.token("routing-availability-2", "ra2-admin", null, "admin"))
                .contentType(ContentType.JSON).body("{\"paused\":false}")
                .put("/api/v1/agents/ra1-bob/availability").then().statusCode(404);
        given().auth().oauth2(f.adminToken()).get("/api/v1/agents/ghost/availability").then().statusCode(404);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_availability WHERE user_id = 'ra1-bob' AND paused")).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        RoutingFixtures f = new RoutingFixtures(TENANT, "ra1-admin");
        TestDirectory.ensureUser(TENANT, "ra1-cy", "ra1-north", "agent");
        String cy = f.token("ra1-cy", "ra1-north", "agent");
        given().auth().oauth2(cy).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/agents/ra1-cy/availability").then().statusCode(400)
                .body("errors.field", hasItem("paused"));
        given().auth().oauth2(cy).contentType(ContentType.JSON).body("{\"paused\":true,\"until\":\"2001-01-01T00:00:00Z\"}")
                .put("/api/v1/agents/ra1-cy/availability").then().statusCode(400)
                .body("errors.field", hasItem("until"));
        given().auth().oauth2(cy).contentType(ContentType.JSON).body("{\"paused\":false,\"until\":\"2099-01-01T00:00:00Z\"}")
                .put("/api/v1/agents/ra1-cy/availability").then().statusCode(400)
                .body("errors.field", hasItem("untilOnlyWhenPaused"));
        given().auth().oauth2(cy).contentType(ContentType.JSON).body("{\"paused\":\"maybe\"}")
                .put("/api/v1/agents/ra1-cy/availability").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(cy).contentType(ContentType.JSON).body("{\"paused\":true,\"until\":\"next week\"}")
                .put("/api/v1/agents/ra1-cy/availability").then().statusCode(400)
                .body("errors.field", hasItem("until"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_availability WHERE user_id = 'ra1-cy'")).isZero();
    }
}
