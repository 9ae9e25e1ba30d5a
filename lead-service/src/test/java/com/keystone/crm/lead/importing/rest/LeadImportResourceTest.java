package com.keystone.crm.lead.importing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.IMPORTS;
import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.awaitFinished;
import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.csv;
import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * POST /api/v1/lead-imports through the real path: multipart upload → job in the database → the worker → leads,
 * lead.created (imported) and import activities through the outbox to Kafka; progress, the per-row error report
 * (JSON and CSV), dedupe against existing leads and within the file, and access rules.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadImportResourceTest {
    static final String TENANT = "import-realty";
    static final String ADMIN = "import-admin";
    static final String AGENT = "import-agent";
    static final String OTHER_TENANT = "import-other-realty";
    static final String OTHER_ADMIN = "import-other-admin";

    static final String HEADER = "First Name,Last Name,E-mail,Phone,Stage,Outcome,Created,Source,Type,City,Zip,"
            + "Budget Min,Budget Max,Tags,Agent,Notes";
    static final String MAPPING = """
            {"columns": {"First Name": "firstName", "Last Name": "lastName", "E-mail": "email", "Phone": "phone",
                         "Stage": "status", "Outcome": "outcome", "Created": "createdAt", "Source": "source",
                         "Type": "type", "City": "city", "Zip": "postalCode", "Budget Min": "budgetMin",
                         "Budget Max": "budgetMax", "Tags": "tags", "Agent": "assignedAgentId"},
             "values": {"status": {"Hot": "active-client", "Won": "closed-won", "Dead": "lost"},
                        "source": {"Zillow Premier": "zillow"}},
             "dateFormat": "MM/dd/yyyy", "timeZone": "America/Denver", "defaultSource": "referral"}""";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
        TestDirectory.ensureUser(TENANT, AGENT, "team-imp", "agent");
        TestDirectory.ensureUser(OTHER_TENANT, OTHER_ADMIN, null, "admin");
    }

    static String admin() {
        return TestTokens.token(TENANT, ADMIN, null, "admin");
    }

    static String leadId(String email) {
        return given().auth().oauth2(admin()).queryParam("q", email).get("/api/v1/leads").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.emails.contains('" + email + "') }.id");
    }

    /** 52 data rows: 43 new leads, 2 merges, 6 rejected rows, 1 blank line. */
    static String mixedFile() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        String[] stages = {"Hot", "Won", "Dead", "contacted"};
        String[] sources = {"Zillow Premier", "website", ""};
        for (int i = 0; i < 40; i++) {                                                        // rows 2-41
            lines.add(String.join(",", "Gina" + i, "Good", "good" + i + "@imp.example.com", "", stages[i % 4],
                    i % 10 == 7 ? "lost" : "", "06/15/2020", sources[i % 3], "buyer", "Denver", "80202",
                    "\"$300,000\"", "450000", "vip;2020", i % 5 == 0 ? AGENT + "@" + TENANT + ".test" : "", "note " + i));
        }
        lines.add("Existing,Person,EXISTING.person@imp.example.com,,Won,,01/02/2019,,,Boulder,,,,,,");     // 42 merge
        lines.add("Dana,Dup,,(303) 555-0142,,,,,,,,,,,,");                                                 // 43
        lines.add(",,dana.dup@imp.example.com,+13035550142,,,,,,,,,,,,");                                  // 44 merge
        lines.add("Bad,Phone,badphone@imp.example.com,12,,,,,,,,,,,,");                                   // 45
        lines.add("Bad,Date,baddate@imp.example.com,,,,13/45/2020,,,,,,,,,");                             // 46
        lines.add("Bad,Status,badstatus@imp.example.com,,Zombie,,,,,,,,,,,");                            // 47
        lines.add("Short,Row,short@imp.example.com");                                                      // 48
        lines.add("");                                                                                     // 49 blank
        lines.add("Bad,Twice,not-an-email,,,,01/01/2099,,,,,,,,,");                                       // 50
        lines.add("Ghost,Owner,ghost.owner@imp.example.com,,,,,,,,,,,,ghost@nowhere.test,");              // 51
        lines.add("Quinn,O'Hara,quinn@imp.example.com,,,,,,,,,,,,,\"line one\nline two, with a comma\"");   // 52
        lines.add("Last,Row,last.row@imp.example.com,,closed-won,,12/31/2021,,seller,,,,,,,");            // 53
        return csv(lines.toArray(String[]::new));
    }

    @Test
    void aMixedFileImportsItsGoodRowsAndReportsTheBadOnes() {
        String existing = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"firstName\":\"Ex\",\"email\":\"existing.person@imp.example.com\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        String jobId = upload(admin(), mixedFile(), MAPPING).statusCode(202)
                .header("Location", containsString(IMPORTS + "/"))
                .header("ETag", notNullValue())
                .body("status", equalTo("queued"))
                .body("fileName", equalTo("leads.csv"))
                .body("headers[0]", equalTo("First Name"))
                .body("mapping.dateFormat", equalTo("MM/dd/yyyy"))
                .extract().path("id");

        JsonPath job = awaitFinished(admin(), jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInt("totalRows")).isEqualTo(52);
        assertThat(job.getInt("processedRows")).isEqualTo(52);
        assertThat(job.getInt("createdRows")).isEqualTo(43);
        assertThat(job.getInt("mergedRows")).isEqualTo(2);
        assertThat(job.getInt("failedRows")).isEqualTo(6);
        assertThat(job.getInt("skippedRows")).isEqualTo(1);
        assertThat(job.getInt("percentComplete")).isEqualTo(100);
        assertThat(job.getString("finishedAt")).isNotNull();
        // the stored file is gone once the job is done
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_file_chunk WHERE job_id = ?::uuid", jobId)).isZero();

        // created dates (midnight in the mapping's zone), statuses through the value map, outcome over status
        String hot = leadId("good0@imp.example.com");
        given().auth().oauth2(admin()).get("/api/v1/leads/" + hot).then().statusCode(200)
                .body("status", equalTo("active-client"))
                .body("source", equalTo("zillow"))
                .body("createdAt", equalTo("2020-06-15T06:00:00Z"))
                .body("assignedAgentId", equalTo(AGENT))
                .body("budgetMin", equalTo(300000.0f))
                .body("tags", equalTo(List.of("vip", "2020")))
                .body("createdBy", equalTo(ADMIN));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("good1@imp.example.com")).then()
                .body("status", equalTo("closed-won")).body("source", equalTo("website"));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("good2@imp.example.com")).then()
                .body("status", equalTo("lost")).body("source", equalTo("referral"));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("good7@imp.example.com")).then()
                .body("status", equalTo("lost"));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("last.row@imp.example.com")).then()
                .body("status", equalTo("closed-won")).body("type", equalTo("seller"));

        // dedupe against the lead already in the CRM: gaps filled, its own values and status kept
        given().auth().oauth2(admin()).get("/api/v1/leads/" + existing).then()
                .body("firstName", equalTo("Ex")).body("lastName", equalTo("Person"))
                .body("city", equalTo("Boulder")).body("status", equalTo("new"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'import'", existing))
                .isEqualTo(1);
        // ... and within the file: row 44 is the person of row 43
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND '+13035550142' = ANY(phones)", TENANT))
                .isEqualTo(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND '+13035550142' = ANY(phones) "
                + "AND 'dana.dup@imp.example.com' = ANY(emails)", TENANT)).isEqualTo(1);
        // nothing of the rejected rows
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND email IN "
                + "('badphone@imp.example.com','baddate@imp.example.com','badstatus@imp.example.com','short@imp.example.com',"
                + "'ghost.owner@imp.example.com')", TENANT)).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND last_name = 'O''Hara'", TENANT))
                .isEqualTo(1);

        // events: lead.created marked imported, with the original date and status; the merge's import activity
        CapturedEvent created = KafkaEvents.awaitEvent("lead.created", e -> hot.equals(e.key()));
        KafkaEvents.assertCloudEvent(created, "lead.created", "/lead-service");
        KafkaEvents.assertSchemaValid(created);
        assertThat(created.value().path("imported").asBoolean()).isTrue();
        assertThat(created.value().path("createdAt").asText()).isEqualTo("2020-06-15T06:00:00Z");
        assertThat(created.value().path("status").asText()).isEqualTo("active-client");
        CapturedEvent activity = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> existing.equals(e.key()) && "import".equals(e.value().path("activityType").asText()));
        KafkaEvents.assertCloudEvent(activity, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(activity);
        assertThat(activity.value().path("details").path("rowNumber").asInt()).isEqualTo(42);
        assertThat(activity.value().path("details").path("status").asText()).isEqualTo("closed-won");
        CapturedEvent updated = KafkaEvents.awaitEvent("lead.updated", e -> existing.equals(e.key()));
        KafkaEvents.assertSchemaValid(updated);

        // the error report, by row number, with every problem and the row's cells
        JsonPath errors = given().auth().oauth2(admin()).get(IMPORTS + "/" + jobId + "/errors").then().statusCode(200)
                .extract().jsonPath();
        assertThat(errors.getList("items.rowNumber", Integer.class)).containsExactly(45, 46, 47, 48, 50, 51);
        assertThat(errors.getString("items[0].errors[0].column")).isEqualTo("Phone");
        assertThat(errors.getString("items[0].errors[0].field")).isEqualTo("phone");
        assertThat(errors.getString("items[0].values.E-mail")).isEqualTo("badphone@imp.example.com");
        assertThat(errors.getString("items[1].errors[0].field")).isEqualTo("createdAt");
        assertThat(errors.getString("items[2].errors[0].field")).isEqualTo("status");
        assertThat(errors.getString("items[2].errors[0].message")).contains("Zombie");
        assertThat(errors.getString("items[3].errors[0].message")).contains("the row has 3 columns; the header has 16");
        assertThat(errors.getList("items[4].errors.field")).containsExactly("email", "createdAt");
        assertThat(errors.getString("items[5].errors[0].field")).isEqualTo("assignedAgentId");
        assertThat(errors.getString("nextCursor")).isNull();

        // paged
        String next = given().auth().oauth2(admin()).queryParam("limit", 4).get(IMPORTS + "/" + jobId + "/errors")
                .then().statusCode(200).body("items.size()", equalTo(4)).extract().path("nextCursor");
        given().auth().oauth2(admin()).queryParam("limit", 4).queryParam("cursor", next).get(IMPORTS + "/" + jobId + "/errors")
                .then().statusCode(200).body("items.rowNumber", equalTo(List.of(50, 51))).body("nextCursor", equalTo(null));

        // ... and as a CSV to fix and import again
        String report = given().auth().oauth2(admin()).accept("text/csv").get(IMPORTS + "/" + jobId + "/errors")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] reportLines = report.split("\r\n");
        assertThat(reportLines).hasSize(7);
        assertThat(reportLines[0]).isEqualTo("row,errors," + HEADER);
        assertThat(reportLines[1]).startsWith("45,\"Phone: 12 is not a valid phone number").contains("badphone@imp.example.com");
        // the download is audited (streamed: recorded by the resource, as no response filter sees it)
        CapturedEvent audited = KafkaEvents.awaitEvent("audit.recorded",
                r -> "lead-import.errors-exported".equals(r.value().get("action").asText()) && jobId.equals(r.value().path("targetId").asText()));
        assertThat(audited.value().get("status").asInt()).isEqualTo(200);
        assertThat(audited.value().get("path").asText()).isEqualTo(IMPORTS + "/" + jobId + "/errors");

        // the tenant's jobs
        given().auth().oauth2(admin()).get(IMPORTS).then().statusCode(200).body("items.id", hasItem(jobId));
    }

    @Test
    void onlyAdminsImportAndOnlyTheirTenantsJobsExistForThem() {
        String jobId = upload(admin(), csv("Email", "access@imp.example.com"), "{\"columns\":{\"Email\":\"email\"}}")
                .statusCode(202).extract().path("id");
        awaitFinished(admin(), jobId);

        String agent = TestTokens.token(TENANT, AGENT, "team-imp", "agent");
        upload(agent, csv("Email", "agent@imp.example.com"), "{\"columns\":{\"Email\":\"email\"}}").statusCode(403);
        given().auth().oauth2(agent).get(IMPORTS + "/" + jobId).then().statusCode(403);
        given().auth().oauth2(TestTokens.token(TENANT, "a-team-lead", "team-imp", "team-lead")).get(IMPORTS).then().statusCode(403);
        given().get(IMPORTS).then().statusCode(401);

        String other = TestTokens.token(OTHER_TENANT, OTHER_ADMIN, null, "admin");
        given().auth().oauth2(other).get(IMPORTS + "/" + jobId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).get(IMPORTS + "/" + jobId + "/errors").then().statusCode(404);
        given().auth().oauth2(other).accept("text/csv").get(IMPORTS + "/" + jobId + "/errors").then().statusCode(404);
        // a refused download is not data access
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE type = 'audit.recorded' "
                + "AND payload->>'targetId' = ? AND payload->>'tenantId' = ?", jobId, OTHER_TENANT)).isZero();
        given().auth().oauth2(other).get(IMPORTS).then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(jobId)));
        // the tenant's jobs page by page, newest first
        String second = upload(admin(), csv("Email", "access.two@imp.example.com"), "{\"columns\":{\"Email\":\"email\"}}")
                .statusCode(202).extract().path("id");
        String cursor = given().auth().oauth2(admin()).queryParam("limit", 1).get(IMPORTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(second))).extract().path("nextCursor");
        given().auth().oauth2(admin()).queryParam("limit", 1).queryParam("cursor", cursor).get(IMPORTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(jobId)));
        given().auth().oauth2(admin()).get(IMPORTS + "/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin()).get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin()).queryParam("limit", 0).get(IMPORTS).then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().auth().oauth2(admin()).queryParam("cursor", "bogus").get(IMPORTS + "/" + jobId + "/errors").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void aBadMappingOrFileIsRefusedAndNothingIsWritten() {
        long jobs = TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE tenant_id = ?", TENANT);
        long chunks = TestDirectory.DB.count("SELECT count(*) FROM lead_import_file_chunk");
        String file = csv("Name,Email,Stage", "Ann,ann.refused@imp.example.com,new");

        upload(admin(), file, """
                {"columns": {"Name": "fullName", "Email": "email", "Stage": "status"}}""")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("columns.Name"));
        upload(admin(), file, """
                {"columns": {"Email": "email", "Stage": "status", "Name": "email"},
                 "values": {"status": {"Won": "victory"}, "city": {"x": "y"}},
                 "dateFormat": "MM/dd/yyyy bb", "timeZone": "Mars/Olympus", "delimiter": "#", "defaultSource": "tv"}""")
                .statusCode(400)
                .body("errors.field", hasItem("values.status.Won"))
                .body("errors.field", hasItem("values.city"))
                .body("errors.field", hasItem("dateFormat"))
                .body("errors.field", hasItem("timeZone"))
                .body("errors.field", hasItem("delimiter"))
                .body("errors.field", hasItem("defaultSource"));
        upload(admin(), file, "{\"columns\": {\"Stage\": \"status\"}}").statusCode(400).body("errors.field", hasItem("columns"));
        upload(admin(), file, "{\"columns\": {\"Email\": \"email\", \"Stage\": \"status\", \"Stage2\": \"status\"}}")
                .statusCode(400).body("errors.field", hasItem("columns.Stage2"));
        upload(admin(), file, "{\"columns\": {}}").statusCode(400).body("errors.field", hasItem("columns"));
        upload(admin(), file, "{\"colums\": {\"Email\": \"email\"}}").statusCode(400).body("errors.field", hasItem("mapping"));
        upload(admin(), file, "not json").statusCode(400).body("errors.field", hasItem("mapping"));
        // the mapping names a column the file does not have
        upload(admin(), file, "{\"columns\": {\"Email\": \"email\", \"Phone Number\": \"phone\"}}")
                .statusCode(422).body("type", equalTo("https://keystone-crm.dev/problems/mapping-does-not-fit-file"))
                .body("errors.field", hasItem("columns.Phone Number"));
        // an assignee the tenant does not have
        upload(admin(), file, """
                {"columns": {"Email": "email", "Name": "assignedAgentId"}, "values": {"assignedAgentId": {"Ann": "nobody@x.test"}}}""")
                .statusCode(422).body("errors.field", hasItem("values.assignedAgentId.Ann"));
        // not a file one can import
        upload(admin(), "", "{\"columns\": {\"Email\": \"email\"}}").statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/unreadable-csv"));
        given().auth().oauth2(admin()).multiPart("mapping", "{\"columns\": {\"Email\": \"email\"}}", "application/json")
                .post(IMPORTS).then().statusCode(400).body("errors.field", hasItem("file"));
        given().auth().oauth2(admin()).multiPart("file", "leads.csv", file.getBytes(), "text/csv")
                .post(IMPORTS).then().statusCode(400).body("errors.field", hasItem("mapping"));

        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE tenant_id = ?", TENANT)).isEqualTo(jobs);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_file_chunk")).isEqualTo(chunks);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email = 'ann.refused@imp.example.com'")).isZero();
    }

    @Test
    void aRetriedUploadWithTheSameKeyIsOneJob() {
        String key = UUID.randomUUID().toString();
        byte[] file = csv("Email", "retry.import@imp.example.com").getBytes();
        String mapping = "{\"columns\":{\"Email\":\"email\"}}";
        String first = upload(admin(), file, mapping, key).statusCode(202).extract().path("id");
        upload(admin(), file, mapping, key).statusCode(202).body("id", equalTo(first));
        upload(admin(), csv("Email", "someone.else@imp.example.com").getBytes(), mapping, key).statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/idempotency-key-reused"));
        awaitFinished(admin(), first);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email = 'retry.import@imp.example.com'")).isEqualTo(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email = 'someone.else@imp.example.com'")).isZero();
    }

    @Test
    void aFileThatStopsBeingCsvFailsBeforeImportingAnything() {
        String jobId = upload(admin(), csv("Email,Name", "unclosed.one@imp.example.com,One",
                        "unclosed.two@imp.example.com,\"Two", "unclosed.three@imp.example.com,Three"),
                "{\"columns\":{\"Email\":\"email\",\"Name\":\"firstName\"}}").statusCode(202).extract().path("id");
        JsonPath job = awaitFinished(admin(), jobId);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("failureReason")).contains("not valid CSV");
        assertThat(job.getInt("createdRows")).isZero();
        given().auth().oauth2(admin()).get(IMPORTS + "/" + jobId + "/errors").then().statusCode(200)
                .body("items[0].errors[0].message", containsString("not valid CSV"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email = 'unclosed.one@imp.example.com'")).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesCostsOnlyItself() {
        // the row rules take this row, the database does not (a trigger stands for any write-time failure): the
        // batch's transaction fails, its rows are retried one by one, and only this one is reported
        TestDirectory.DB.execute("""
                CREATE OR REPLACE FUNCTION test_refuse_lead() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the database'; END $$""");
        TestDirectory.DB.execute("""
                CREATE TRIGGER test_refuse_lead BEFORE INSERT ON lead FOR EACH ROW
                WHEN (NEW.first_name = 'RefusedByDb') EXECUTE FUNCTION test_refuse_lead()""");
        try {
            String jobId = upload(admin(), csv("Email,Name", "refused.before@imp.example.com,Before",
                            "refused.dots@imp.example.com,RefusedByDb", "refused.after@imp.example.com,After"),
                    "{\"columns\":{\"Email\":\"email\",\"Name\":\"firstName\"}}").statusCode(202).extract().path("id");
            JsonPath job = awaitFinished(admin(), jobId);
            assertThat(job.getString("status")).isEqualTo("completed");
            assertThat(job.getInt("createdRows")).isEqualTo(2);
            assertThat(job.getInt("failedRows")).isEqualTo(1);
            given().auth().oauth2(admin()).get(IMPORTS + "/" + jobId + "/errors").then().statusCode(200)
                    .body("items.rowNumber", equalTo(List.of(3)))
                    .body("items[0].errors[0].message", containsString("could not be imported"));
            assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email IN "
                    + "('refused.before@imp.example.com', 'refused.after@imp.example.com')")).isEqualTo(2);
        } finally {
            TestDirectory.DB.execute("DROP TRIGGER IF EXISTS test_refuse_lead ON lead");
        }
    }

    @Test
    void aWindows1252FileNeedsItsEncoding() {
        java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
        String mapping = "{\"columns\":{\"Email\":\"email\",\"Name\":\"firstName\"}";
        byte[] small = csv("Email,Name", "jose.cp1252@imp.example.com,Jos\u00e9").getBytes(cp1252);
        // read as UTF-8 the é is not text: found in the upload's first bytes, a 422 says what to set
        upload(admin(), small, mapping + "}", null).statusCode(422)
                .body("detail", containsString("encoding"));
        // ... or, further into a large file, by the worker, which fails the job before importing anything
        StringBuilder large = new StringBuilder("Email,Name\n");
        for (int i = 0; i < 2_000; i++) {
            large.append("cp1252.").append(i).append("@imp.example.com,Ascii\n");
        }
        large.append("late.jose@imp.example.com,Jos\u00e9\n");
        String failed = upload(admin(), large.toString().getBytes(cp1252), mapping + "}", null).statusCode(202).extract().path("id");
        JsonPath job = awaitFinished(admin(), failed);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("failureReason")).contains("encoding");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE email LIKE 'cp1252.%'")).isZero();

        String imported = upload(admin(), small, mapping + ", \"encoding\": \"windows-1252\"}", null).statusCode(202).extract().path("id");
        assertThat(awaitFinished(admin(), imported).getInt("createdRows")).isEqualTo(1);
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("jose.cp1252@imp.example.com")).then()
                .body("firstName", equalTo("Jos\u00e9"));
        upload(admin(), small, mapping + ", \"encoding\": \"klingon-8\"}", null).statusCode(400)
                .body("errors.field", hasItem("encoding"));
    }

    @Test
    void isoDatesSemicolonsAndListsWithoutADateFormat() {
        String jobId = upload(admin(), csv(
                        "\uFEFFEmail;Phones;Created;Status;Timeframe;Zone;Areas",
                        "semi.one@imp.example.com;+13035550161 | 303-555-0162;2019-07-04;Closed Won;0-3-months;America/Chicago;Golden | Arvada",
                        "semi.two@imp.example.com;;2019-07-04T10:15:00+02:00;UNDER_CONTRACT;;;",
                        "semi.three@imp.example.com;;2019-07-04 08:00;new;soon;Nowhere/City;"),
                """
                {"columns": {"Email": "email", "Phones": "phones", "Created": "createdAt", "Status": "status",
                             "Timeframe": "timeframe", "Zone": "timezone", "Areas": "preferredAreas"},
                 "delimiter": ";", "listSeparator": "|", "timeZone": "America/Denver"}""")
                .statusCode(202).extract().path("id");
        JsonPath job = awaitFinished(admin(), jobId);
        assertThat(job.getInt("createdRows")).isEqualTo(2);
        assertThat(job.getInt("failedRows")).isEqualTo(1);
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("semi.one@imp.example.com")).then()
                .body("phones", equalTo(List.of("+13035550161", "+13035550162")))
                .body("createdAt", equalTo("2019-07-04T06:00:00Z"))
                .body("status", equalTo("closed-won"))
                .body("timeframe", equalTo("0-3-months"))
                .body("timezone", equalTo("America/Chicago"))
                .body("preferredAreas", equalTo(List.of("Golden", "Arvada")));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + leadId("semi.two@imp.example.com")).then()
                .body("createdAt", equalTo("2019-07-04T08:15:00Z"))
                .body("status", equalTo("under-contract"));
        given().auth().oauth2(admin()).get(IMPORTS + "/" + jobId + "/errors").then()
                .body("items[0].rowNumber", equalTo(4))
                .body("items[0].errors.field", equalTo(List.of("timeframe", "timezone")));
    }
}
