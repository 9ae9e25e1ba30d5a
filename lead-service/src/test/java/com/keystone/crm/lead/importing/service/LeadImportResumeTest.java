package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs survive their workers: a crashed worker's job (its lease ran out) resumes after its checkpoint, a stopping
 * worker hands its job back after the current batch and another worker finishes it, without a row imported twice;
 * a live lease is never stolen, and a job that keeps failing is given up.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadImportResumeTest {
    static final String TENANT = "import-resume-realty";
    static final String ADMIN = "import-resume-admin";
    static final String MAPPING = "{\"columns\":{\"Email\":\"email\",\"Name\":\"firstName\"}}";

    @Inject
    LeadImportRunner runner;

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
    }

    /** A job as a worker left it, with its file in two chunks split mid-row (one statement: all or nothing). */
    static UUID seedJob(String status, String owner, String leaseExpiry, int attempts, Integer totalRows,
                        int checkpointRow, int createdRows, byte[] file) {
        UUID id = UUID.randomUUID();
        int split = file.length / 2;
        TestDirectory.DB.execute("WITH job AS (INSERT INTO lead_import_job (id, tenant_id, created_by, status, file_name, "
                        + "file_bytes, headers, mapping, total_rows, processed_rows, created_rows, checkpoint_row, lease_owner, "
                        + "lease_expires_at, attempts, created_at, started_at, updated_at) VALUES (?::uuid, ?, ?, ?, 'seeded.csv', ?, "
                        + "'{Email,Name}'::text[], ?, ?, ?, ?, ?, ?, now() + cast(? as interval), ?, now(), now(), now()) RETURNING id) "
                        + "INSERT INTO lead_import_file_chunk (job_id, seq, data) SELECT id, 0, ? FROM job UNION ALL SELECT id, 1, ? FROM job",
                id.toString(), TENANT, ADMIN, status, file.length, MAPPING, totalRows, checkpointRow - 1, createdRows,
                checkpointRow, owner, leaseExpiry, attempts,
                Arrays.copyOfRange(file, 0, split), Arrays.copyOfRange(file, split, file.length));
        return id;
    }

    static byte[] file(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("Email,Name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(i).append("@resume.example.com,Row ").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static long leads(String prefix) {
        return TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND email LIKE ?", TENANT, prefix + "%");
    }

    static void awaitStatus(UUID id, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDirectory.DB.count(
                "SELECT count(*) FROM lead_import_job WHERE id = ?::uuid AND status = ?", id.toString(), status) == 1);
    }

    @Test
    void aCrashedWorkersJobResumesAfterItsCheckpoint() {
        // the crashed worker committed rows 2-3 (as far as the checkpoint says): the resumed job must not redo them
        UUID id = seedJob("running", "crashed-worker", "-1 minute", 1, 5, 3, 2, file("crash", 5));
        awaitStatus(id, "completed");
        assertThat(leads("crash")).isEqualTo(3);
        assertThat(leads("crash1@")).isZero();
        assertThat(leads("crash2@")).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE id = ?::uuid AND processed_rows = 5 "
                + "AND created_rows = 5 AND checkpoint_row = 6 AND attempts = 2 AND lease_owner IS NULL", id.toString())).isEqualTo(1);
    }

    @Test
    void aStoppingWorkerHandsItsJobBackAndAnotherFinishesIt() {
        // 501 rows: the first batch (500) commits, then the worker is told to stop
        UUID id = seedJob("running", "stopping-worker", "1 hour", 1, null, 1, 0, file("stop", 501));
        runner.run(id, "stopping-worker", () -> true);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE id = ?::uuid AND total_rows = 501 "
                + "AND checkpoint_row >= 501", id.toString())).isEqualTo(1);

        awaitStatus(id, "completed");
        assertThat(leads("stop")).isEqualTo(501);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM (SELECT email FROM lead WHERE tenant_id = ? AND email LIKE 'stop%' "
                + "GROUP BY email HAVING count(*) > 1) d", TENANT)).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE id = ?::uuid AND processed_rows = 501 "
                + "AND created_rows = 501 AND attempts = 2", id.toString())).isEqualTo(1);
    }

    @Test
    void aLiveLeaseIsNotTakenOver() {
        UUID id = seedJob("running", "busy-worker", "1 hour", 1, 2, 1, 0, file("busy", 2));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> TestDirectory.DB.count(
                "SELECT count(*) FROM lead_import_job WHERE id = ?::uuid AND lease_owner = 'busy-worker' AND processed_rows = 0",
                id.toString()) == 1);
        assertThat(leads("busy")).isZero();
        TestDirectory.DB.execute("UPDATE lead_import_job SET status = 'failed', lease_owner = NULL WHERE id = ?::uuid", id.toString());
    }

    @Test
    void aJobThatKeepsFailingIsGivenUp() {
        UUID id = seedJob("running", "doomed-worker", "-1 minute", 3, 4, 3, 2, file("doomed", 4));
        awaitStatus(id, "failed");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_job WHERE id = ?::uuid "
                + "AND failure_reason LIKE 'gave up after 3 attempts%'", id.toString())).isEqualTo(1);
        assertThat(leads("doomed")).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead_import_file_chunk WHERE job_id = ?::uuid", id.toString())).isZero();
    }
}
