package com.keystone.crm.lead.importing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.awaitFinished;
import static com.keystone.crm.lead.importing.rest.LeadImportTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A file larger than the platform's 1 MiB JSON body limit, stored in many chunks and imported in several batches
 * (throughput and memory are measured by tools/bench/lead-import, not asserted here); and the upload's own limits.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadImportLargeFileTest {
    static final String TENANT = "import-large-realty";
    static final String ADMIN = "import-large-admin";
    static final int ROWS = 3_000;
    static final String MAPPING = """
            {"columns": {"Email": "email", "First": "firstName", "Last": "lastName", "Stage": "status", "Created": "createdAt"}}""";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
    }

    static String admin() {
        return TestTokens.token(TENANT, ADMIN, null, "admin");
    }

    @Test
    void threeThousandRowsOverOneMebibyteImportInBatches() {
        String notes = "x".repeat(300); // an unmapped column, as exports have, to make the file over 1 MiB
        StringBuilder csv = new StringBuilder("Email,First,Last,Stage,Created,Notes\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("large").append(i).append("@large.example.com,Lara,Large").append(i).append(',')
                    .append(i % 2 == 0 ? "closed-won" : "lost").append(",2018-05-0").append(1 + i % 9).append(',')
                    .append(notes).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isGreaterThan(1024 * 1024);

        String jobId = upload(admin(), file, MAPPING, null).statusCode(202).extract().path("id");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_file_chunk WHERE job_id = ?::uuid", jobId))
                .isGreaterThanOrEqualTo(0); // chunks may already be gone if the worker was quick
        JsonPath job = awaitFinished(admin(), jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInt("totalRows")).isEqualTo(ROWS);
        assertThat(job.getInt("createdRows")).isEqualTo(ROWS);
        assertThat(job.getInt("failedRows")).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ?", TENANT)).isEqualTo(ROWS);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND status = 'CLOSED_WON'", TENANT))
                .isEqualTo(ROWS / 2);
    }

    @Test
    void theUploadHasItsOwnLimits() {
        // over crm.import.max-file-bytes (4 MiB in tests): 413 before anything is stored
        byte[] huge = ("Email\n" + "someone@large.example.com\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
        upload(admin(), huge, MAPPING, null).statusCode(413).body("status", equalTo(413));
        // a header row longer than the first chunk (64 KiB in tests) is not a header
        String header = "Email," + "Column,".repeat(12_000) + "Last";
        upload(admin(), (header + "\nlong.header@large.example.com\n").getBytes(StandardCharsets.UTF_8),
                "{\"columns\": {\"Email\": \"email\"}}", null)
                .statusCode(422).body("type", equalTo("https://keystone-crm.dev/problems/unreadable-csv"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE tenant_id = ? AND file_bytes > 4194304", TENANT))
                .isZero();
    }
}
