package com.keystone.crm.lead.importing.rest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Uploading CSV files and following their jobs, for the lead import tests. */
final class LeadImportTestSupport {
    static final String IMPORTS = "/api/v1/lead-imports";

    private LeadImportTestSupport() {
    }

    static ValidatableResponse upload(String token, String csv, String mapping) {
        return upload(token, csv.getBytes(StandardCharsets.UTF_8), mapping, null);
    }

    static ValidatableResponse upload(String token, byte[] csv, String mapping, String idempotencyKey) {
        var request = given().auth().oauth2(token)
                .multiPart("file", "leads.csv", csv, "text/csv")
                .multiPart("mapping", mapping, "application/json");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post(IMPORTS).then();
    }

    /** Polls the job until it is completed or failed. */
    static JsonPath awaitFinished(String token, String jobId) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath job = given().auth().oauth2(token).get(IMPORTS + "/" + jobId).then().statusCode(200).extract().jsonPath();
            last.set(job);
            return List.of("completed", "failed").contains(job.getString("status"));
        });
        return last.get();
    }

    static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
