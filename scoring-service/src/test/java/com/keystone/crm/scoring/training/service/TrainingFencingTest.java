package com.keystone.crm.scoring.training.service;

import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A training run is fenced by its claim: an instance whose lease ran out mid-training (another instance took the run
 * over) registers no model and finishes nothing; the claim holding the run does both.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class TrainingFencingTest {
    static final String TENANT = "fenced-realty";

    @Inject
    TrainingJob job;

    @Test
    void aClaimTakenOverMidTrainingRegistersNothing() {
        String admin = LeadFixtures.admin(TENANT);
        String setId = given().auth().oauth2(admin)
                .multiPart("file", "h.csv", LeadFixtures.history(300, 11).getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\":\"converted\",\"train\":false}")
                .post("/api/v1/training-sets").then().statusCode(201).extract().path("id");
        UUID runId = UUID.randomUUID();
        // running, and held by a newer claim for an hour: the worker leaves it alone
        LeadFixtures.DB.execute("INSERT INTO training_run (id, tenant_id, source, training_set_id, status, requested_by, "
                + "created_at, started_at, attempts, lease_owner, lease_expires_at) VALUES (?, ?, 'training-set', ?, 'running', "
                + "'test', now(), now(), 2, 'newer-instance/training/1', now() + interval '1 hour')",
                runId, TENANT, UUID.fromString(setId));

        job.run(runId, new WorkerLease("older-instance/training/7", () -> false));
        assertThat(LeadFixtures.DB.count("SELECT count(*) FROM model_version WHERE training_run_id = ?", runId)).isZero();
        assertThat(LeadFixtures.DB.count("SELECT count(*) FROM training_run WHERE id = ? AND status = 'running' "
                + "AND lease_owner = 'newer-instance/training/1' AND model_id IS NULL", runId)).isEqualTo(1);

        job.run(runId, new WorkerLease("newer-instance/training/1", () -> false));
        assertThat(LeadFixtures.DB.count("SELECT count(*) FROM model_version WHERE training_run_id = ?", runId)).isEqualTo(1);
        assertThat(LeadFixtures.DB.count("SELECT count(*) FROM training_run WHERE id = ? AND status = 'succeeded' "
                + "AND model_id IS NOT NULL AND lease_owner IS NULL", runId)).isEqualTo(1);
    }
}
