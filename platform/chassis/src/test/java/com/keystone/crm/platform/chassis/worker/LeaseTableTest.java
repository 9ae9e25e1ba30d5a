package com.keystone.crm.platform.chassis.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statements a LeaseTable sends (their effect is tested on PostgreSQL in LeasedWorkerTest). */
class LeaseTableTest {
    final LeaseTable jobs = LeaseTable.on("job", "id", "uuid")
            .ready("status IN ('queued', 'running')")
            .order("created_at, id")
            .columns("tenant_id")
            .onClaim("status = 'running'")
            .onRelease("status = 'queued'")
            .heldOnlyIf("status = 'running'")
            .build();

    @Test
    void claimsTheFirstReadyRowWithAFreeOrExpiredLeaseSkippingLockedOnes() {
        assertThat(jobs.nextSql()).isEqualTo("SELECT cast(id as text), lease_owner, tenant_id FROM job "
                + "WHERE (status IN ('queued', 'running')) AND (lease_owner IS NULL OR lease_expires_at < now()) "
                + "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");
        assertThat(jobs.claimSql()).isEqualTo("UPDATE job SET lease_owner = ?2, lease_expires_at = now() + "
                + "make_interval(secs => ?3), status = 'running' WHERE id = cast(cast(?1 as text) as uuid)");
        // one named row: claimed to run now, ready or not, unless a live worker holds it
        assertThat(jobs.oneSql()).isEqualTo("SELECT cast(id as text), lease_owner, tenant_id FROM job WHERE "
                + "id = cast(cast(?1 as text) as uuid) AND (lease_owner IS NULL OR lease_expires_at < now()) FOR UPDATE SKIP LOCKED");
    }

    @Test
    void renewAndReleaseOnlyTouchARowStillHeldByTheOwner() {
        assertThat(jobs.renewSql()).isEqualTo("UPDATE job SET lease_expires_at = now() + make_interval(secs => ?3) "
                + "WHERE id = cast(cast(?1 as text) as uuid) AND lease_owner = ?2 AND (status = 'running')");
        assertThat(jobs.releaseSql()).isEqualTo("UPDATE job SET lease_owner = NULL, lease_expires_at = NULL, "
                + "status = 'queued' WHERE id = cast(cast(?1 as text) as uuid) AND lease_owner = ?2 AND (status = 'running')");
    }

    @Test
    void aBatchIsClaimedWithOneLockAndOneLeaseStatementAndFencedAndReleasedPerRow() {
        assertThat(jobs.nextSql(50)).isEqualTo("SELECT cast(id as text), lease_owner, tenant_id FROM job "
                + "WHERE (status IN ('queued', 'running')) AND (lease_owner IS NULL OR lease_expires_at < now()) "
                + "ORDER BY created_at, id LIMIT 50 FOR UPDATE SKIP LOCKED");
        String keys = "SELECT cast(k.v as uuid) FROM jsonb_array_elements_text(cast(cast(?1 as text) as jsonb)) AS k(v)";
        assertThat(jobs.claimAllSql()).isEqualTo("UPDATE job SET lease_owner = ?2, lease_expires_at = now() + "
                + "make_interval(secs => ?3), status = 'running' WHERE id IN (" + keys + ") "
                + "AND (lease_owner IS NULL OR lease_expires_at < now())");
        assertThat(jobs.holdsAllSql()).isEqualTo("SELECT cast(id as text), lease_owner, tenant_id FROM job WHERE id IN ("
                + keys + ") AND lease_owner = ?2 AND (status = 'running') ORDER BY id FOR UPDATE");
        assertThat(jobs.releaseAllSql()).isEqualTo("UPDATE job SET lease_owner = NULL, lease_expires_at = NULL, "
                + "status = 'queued' WHERE id IN (" + keys + ") AND lease_owner = ?2 AND (status = 'running')");
        assertThatThrownBy(() -> jobs.claimNext("owner", java.time.Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadyConditionTakesBoundParametersSoItsStatementNeverChanges() {
        LeaseTable due = LeaseTable.on("timer", "id", "uuid").ready("due_at <= " + LeaseTable.param(1, "timestamptz")).build();
        assertThat(due.nextSql(10)).isEqualTo("SELECT cast(id as text), lease_owner FROM timer WHERE (due_at <= "
                + "cast(cast(?1 as text) as timestamptz)) AND (lease_owner IS NULL OR lease_expires_at < now()) "
                + "ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED");
        assertThatThrownBy(() -> LeaseTable.param(0, "int")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFenceLocksTheRowOnlyWhileTheOwnerHoldsIt() {
        assertThat(jobs.holdsSql()).endsWith(" FROM job WHERE id = cast(cast(?1 as text) as uuid) AND lease_owner = ?2 "
                + "AND (status = 'running') FOR UPDATE");
    }

    @Test
    void aPlainTableNeedsOnlyItsKey() {
        LeaseTable plain = LeaseTable.on("task", "id", "bigint").build();
        assertThat(plain.nextSql()).isEqualTo("SELECT cast(id as text), lease_owner FROM task WHERE (true) AND "
                + "(lease_owner IS NULL OR lease_expires_at < now()) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
        assertThat(plain.releaseSql()).isEqualTo("UPDATE task SET lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE id = cast(cast(?1 as text) as bigint) AND lease_owner = ?2");
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new WorkerSettings(true, java.time.Duration.ZERO, 1, java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerSettings(true, java.time.Duration.ofSeconds(1), 0, java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LeaseOwners.of("x".repeat(300))).hasSize(LeaseOwners.MAX_LENGTH - LeaseOwners.CLAIM_SUFFIX); // room for "/" + a claim number
    }
}
