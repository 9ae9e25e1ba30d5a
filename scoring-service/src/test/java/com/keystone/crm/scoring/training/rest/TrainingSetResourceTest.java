package com.keystone.crm.scoring.training.rest;

import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Uploads of training sets: the data report, degenerate data as clear 422s, hostile input as problem+json. */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class TrainingSetResourceTest {
    static final String TENANT = "sets-realty";
    static final String PROBLEM = "application/problem+json";
    final String admin = LeadFixtures.admin(TENANT);

    static String rows(int n, java.util.function.IntFunction<String> label) {
        StringBuilder b = new StringBuilder("source,activities,empty,same,converted\n");
        for (int i = 0; i < n; i++) {
            b.append(i % 3 == 0 ? "zillow" : "web").append(',').append(i % 7).append(",,x,").append(label.apply(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void aCsvBodyGetsTheDataReportWithoutTraining() {
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").queryParam("train", "false")
                .body(rows(120, i -> i % 4 == 0 ? "yes" : "no"))
                .post("/api/v1/training-sets").then().statusCode(201)
                .header("Location", containsString("/api/v1/training-sets/"))
                .body("report.rows", equalTo(120))
                .body("report.positives", equalTo(30))
                .body("report.positiveRate", equalTo(0.25f))
                .body("report.columns.find { it.name == 'empty' }.missingRate", equalTo(1.0f))
                .body("report.columns.find { it.name == 'empty' }.role", equalTo("ignore"))
                .body("report.columns.find { it.name == 'same' }.note", containsString("same value"))
                .body("report.columns.find { it.name == 'source' }.distinct", equalTo(2))
                .body("report.columns.find { it.name == 'activities' }.role", equalTo("numeric"))
                .body("report.warnings", hasItem(containsString("'empty'")))
                .body("trainingRunId", nullValue());
    }

    @Test
    void anExcelExportOnWindowsIsReadInItsEncodingAndFormats() {
        // Windows-1252 (é is one byte), ';' with CRLF, US dates with AM/PM, money with thousands separators, labels
        // typed in mixed case: what a brokerage's spreadsheet export looks like
        StringBuilder b = new StringBuilder("Created Date;Agent;Budget;Lead Source;Converted\r\n");
        for (int i = 0; i < 120; i++) {
            b.append(String.format("%d/%d/2024 %d:30 PM;José;$%d,500;%s;%s\r\n", 1 + i / 28, 1 + i % 28, 1 + i % 12, 200 + i,
                    i % 3 == 0 ? "Zillow" : "zillow", i % 4 == 0 ? (i % 8 == 0 ? "Yes" : "YES") : "No"));
        }
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "Converted").queryParam("train", "false")
                .body(b.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")))
                .post("/api/v1/training-sets").then().statusCode(201)
                .body("report.rows", equalTo(120))
                .body("report.positives", equalTo(30))
                .body("report.timeOrder", equalTo("Created Date"))
                .body("report.columns.find { it.name == 'Created Date' }.role", equalTo("date"))
                .body("report.columns.find { it.name == 'Created Date' }.note", containsString("month/day/year"))
                .body("report.columns.find { it.name == 'Budget' }.role", equalTo("numeric"))
                .body("report.columns.find { it.name == 'Budget' }.min", equalTo(200500.0f))
                .body("report.warnings", hasItem(containsString("read as Windows-1252")));
    }

    @Test
    void aMultipartUploadQueuesARunAndIsReadBack() {
        String id = given().auth().oauth2(admin)
                .multiPart("file", "h.csv", LeadFixtures.history(300, 5).getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"protectedColumns\":[\"source\"],\"train\":false}")
                .post("/api/v1/training-sets").then().statusCode(201)
                .body("report.refused", hasItem("source"))
                .body("report.refused", hasItem("race"))
                .extract().path("id");
        given().auth().oauth2(admin).get("/api/v1/training-sets/" + id).then().statusCode(200)
                .body("fileName", equalTo("h.csv")).body("sha256", notNullValue()).body("report.rows", equalTo(300));
        given().auth().oauth2(LeadFixtures.admin("another-realty")).get("/api/v1/training-sets/" + id).then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(admin).get("/api/v1/training-sets/nope").then().statusCode(404);
    }

    void unprocessable(String csv, String type, String field) {
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").body(csv)
                .post("/api/v1/training-sets").then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/" + type))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void degenerateDataGetsAClearAnswer() {
        unprocessable(rows(100, i -> "no"), "one-class", "label");
        unprocessable(rows(10, i -> i % 2 == 0 ? "yes" : "no"), "too-few-rows", "file");
        unprocessable(rows(100, i -> i % 3 == 0 ? "yes" : i % 3 == 1 ? "no" : "perhaps"), "unexpected-label-values", "label");
        unprocessable("converted\nyes\nno\n", "too-few-rows", "file");
        unprocessable("a,b\n1,2\n", "label-missing", "label");
        unprocessable(" \n", "empty-file", "file");
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").body("")
                .post("/api/v1/training-sets").then().statusCode(400).body("errors[0].field", equalTo("file"));
        // a column named as a feature that cannot be one
        given().auth().oauth2(admin)
                .multiPart("file", "d.csv", rows(100, i -> i % 2 == 0 ? "yes" : "no").getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"roles\":{\"empty\":\"numeric\"}}")
                .post("/api/v1/training-sets").then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/all-missing-column")).body("errors[0].field", equalTo("roles.empty"));
        given().auth().oauth2(admin)
                .multiPart("file", "d.csv", rows(100, i -> i % 2 == 0 ? "yes" : "no").getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"roles\":{\"same\":\"categorical\"}}")
                .post("/api/v1/training-sets").then().statusCode(422).body("type", endsWith("/constant-column"));
        // nothing was stored for any of them
        org.assertj.core.api.Assertions.assertThat(LeadFixtures.DB.count(
                "SELECT count(*) FROM training_set WHERE tenant_id = ? AND file_name = 'd.csv'", TENANT)).isZero();
    }

    @Test
    void hostileInputIsAProblemNeverACrash() {
        byte[] file = rows(100, i -> i % 2 == 0 ? "yes" : "no").getBytes(StandardCharsets.UTF_8);
        // duplicate keys in the spec
        given().auth().oauth2(admin).multiPart("file", "x.csv", file, "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"label\":\"source\"}")
                .post("/api/v1/training-sets").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("spec"));
        // an unknown role, an unknown key, a spec that is not JSON, no spec, no file
        given().auth().oauth2(admin).multiPart("file", "x.csv", file, "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"roles\":{\"source\":\"weird\"}}")
                .post("/api/v1/training-sets").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("spec.roles.source"));
        given().auth().oauth2(admin).multiPart("file", "x.csv", file, "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"dropTables\":true}")
                .post("/api/v1/training-sets").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin).multiPart("file", "x.csv", file, "text/csv").multiPart("spec", "label=converted")
                .post("/api/v1/training-sets").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin).multiPart("file", "x.csv", file, "text/csv")
                .post("/api/v1/training-sets").then().statusCode(400).body("errors[0].field", equalTo("spec"));
        given().auth().oauth2(admin).multiPart("spec", "{\"label\":\"converted\"}")
                .post("/api/v1/training-sets").then().statusCode(400).body("errors[0].field", equalTo("file"));
        // a control character in the label parameter: refused before the upload is read (chassis RequestTextFilter)
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "conv\u0001erted")
                .body(new String(file, StandardCharsets.UTF_8)).post("/api/v1/training-sets").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("label"));
        // wrong content types
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"label\":\"converted\"}")
                .post("/api/v1/training-sets").then().statusCode(415);
        given().auth().oauth2(admin).contentType(ContentType.XML).body("<csv/>")
                .post("/api/v1/training-sets").then().statusCode(415);
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").queryParam("train", "maybe")
                .body(new String(file, StandardCharsets.UTF_8)).post("/api/v1/training-sets").then().statusCode(400)
                .body("errors[0].field", equalTo("train"));
        // binary garbage
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").body(new byte[] {0, 1, 2, 3})
                .post("/api/v1/training-sets").then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void anOversizedUploadIsRefusedBeforeItIsRead() {
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        given().auth().oauth2(admin).contentType("text/csv").queryParam("label", "converted").body(big)
                .post("/api/v1/training-sets").then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void onlyAdminsUpload() {
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-1")).contentType("text/csv").queryParam("label", "converted")
                .body("a\n").post("/api/v1/training-sets").then().statusCode(403);
        given().contentType("text/csv").body("a\n").post("/api/v1/training-sets").then().statusCode(401);
    }

    @Test
    void trainingRunsAreAskedForProperly() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"source\":\"training-set\"}")
                .post("/api/v1/training-runs").then().statusCode(400).body("errors[0].field", equalTo("trainingSetId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"source\":\"training-set\",\"trainingSetId\":\"6f1c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f\"}")
                .post("/api/v1/training-runs").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"source\":\"astrology\"}")
                .post("/api/v1/training-runs").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"source\":\"events\",\"trainingSetId\":\"6f1c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f\"}")
                .post("/api/v1/training-runs").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/v1/training-runs/6f1c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f").then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/training-runs/x").then().statusCode(404);
    }
}
