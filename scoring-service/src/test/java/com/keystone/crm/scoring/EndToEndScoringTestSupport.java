package com.keystone.crm.scoring;

import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Uploads a history through the API and waits for its training run. */
public final class EndToEndScoringTestSupport {
    private EndToEndScoringTestSupport() {
    }

    public static ValidatableResponse awaitRun(String admin, String runId) {
        await().atMost(Duration.ofSeconds(120)).until(() -> !given().auth().oauth2(admin)
                .get("/api/v1/training-runs/" + runId).then().statusCode(200).extract().<String>path("status")
                .matches("queued|running"));
        return given().auth().oauth2(admin).get("/api/v1/training-runs/" + runId).then().statusCode(200);
    }

    public static ValidatableResponse train(String admin, String csv, String expectedStatus) {
        String runId = given().auth().oauth2(admin)
                .multiPart("file", "history.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\": \"converted\"}")
                .post("/api/v1/training-sets").then().statusCode(201).extract().path("trainingRunId");
        return awaitRun(admin, runId).body("status", equalTo(expectedStatus));
    }
}
