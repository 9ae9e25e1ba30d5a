package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The service's time comes from the injected clock: tests move it (TestClock) instead of waiting. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskClockTest {
    static final String TENANT = "clock-realty-1";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String agent() {
        return TaskFixtures.token(TENANT, "clock-agent-cleo", "clock-team", "agent");
    }

    @Test
    void aTaskBecomesOverdueWhenItsDueTimePasses() {
        String token = agent();
        Instant due = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Call back before lunch", "dueAt", due.toString()))
                .post("/api/v1/tasks").then().statusCode(201).body("overdue", equalTo(false)).extract().path("id");
        given().auth().oauth2(token).queryParam("overdue", "true").get("/api/v1/tasks")
                .then().statusCode(200).body("items.id", not(hasItem(id)));

        clock.advance(Duration.ofHours(3));

        given().auth().oauth2(token).get("/api/v1/tasks/" + id).then().statusCode(200).body("overdue", equalTo(true));
        given().auth().oauth2(token).queryParam("overdue", "true").get("/api/v1/tasks")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterCrmIdempotencyTtl() {
        String token = agent();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", "Send the disclosures", "dueAt", "2031-05-04T15:00:00Z");
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofHours(23));
        String replayed = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofHours(2));
        String afterTtl = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");

        assertThat(replayed).isEqualTo(first);
        assertThat(afterTtl).isNotEqualTo(first);
    }
}
