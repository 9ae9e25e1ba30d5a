package com.keystone.crm.platform.chassis.worker;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.testapp.BatchWorkItemWorker;
import com.keystone.crm.platform.chassis.testapp.WakeableWorkItemWorker;
import com.keystone.crm.platform.chassis.testapp.WorkItemWorker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** LeasedWorker and LeaseTable on real PostgreSQL: workers of the test application as if they were replicas. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class LeasedWorkerTest {
    static final Duration FAST_POLL = Duration.ofMillis(50);

    @Inject
    WakeableWorkItemWorker appWorker;

    final List<LeasedWorker<?>> started = new ArrayList<>();

    @BeforeEach
    void emptyQueue() {
        ChassisDatabase.DB.execute("DELETE FROM work_item");
        ChassisDatabase.DB.execute("DELETE FROM work_log");
    }

    @AfterEach
    void stopWorkers() {
        started.forEach(LeasedWorker::stop);
    }

    WorkItemWorker replica(String name, int slots, Duration lease, Duration stopGrace) {
        WorkItemWorker w = new WorkItemWorker(name, new WorkerSettings(true, FAST_POLL, slots, stopGrace), lease);
        started.add(w);
        return w;
    }

    BatchWorkItemWorker batchReplica(String name, int slots, int batch) {
        BatchWorkItemWorker w = new BatchWorkItemWorker(name, new WorkerSettings(true, FAST_POLL, slots, Duration.ofSeconds(5)),
                Duration.ofSeconds(30), batch);
        started.add(w);
        return w;
    }

    static void enqueue(int n) {
        ChassisDatabase.DB.execute("INSERT INTO work_item (label) SELECT 'item-' || g FROM generate_series(1, ?) g", n);
    }

    static long done() {
        return ChassisDatabase.count("SELECT count(*) FROM work_item WHERE done_by IS NOT NULL");
    }

    @Test
    void twoReplicasDrainTheQueueAndNoItemIsRunTwice() {
        enqueue(300);
        WorkItemWorker a = replica("replica-a", 2, Duration.ofSeconds(30), Duration.ofSeconds(5));
        WorkItemWorker b = replica("replica-b", 2, Duration.ofSeconds(30), Duration.ofSeconds(5));
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> done() == 300);

        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log")).isEqualTo(300);
        assertThat(ChassisDatabase.count("SELECT count(DISTINCT item_id) FROM work_log")).isEqualTo(300);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner IS NOT NULL")).isZero();
        // every item was finished by the claim that held it, and the claims are these two replicas' (4 slots)
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item i JOIN work_log l ON l.item_id = i.id "
                + "WHERE l.owner = i.done_by AND (starts_with(l.owner, ? || '/') OR starts_with(l.owner, ? || '/'))",
                a.instanceOwner(), b.instanceOwner())).isEqualTo(300);
        // one claim per item: no two items finished under the same owner name
        assertThat(ChassisDatabase.count("SELECT count(DISTINCT owner) FROM work_log")).isEqualTo(300);
    }

    @Test
    void twoReplicasClaimingBatchesNeverShareAnItemAndRunEachOnce() {
        enqueue(300);
        BatchWorkItemWorker a = batchReplica("batch-a", 2, 25);
        BatchWorkItemWorker b = batchReplica("batch-b", 2, 25);
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> done() == 300);

        // every claim was a batch of at most 25, and no item was in two claims (of either replica or slot)
        List<String> claimed = new ArrayList<>();
        a.claims.forEach(claimed::addAll);
        b.claims.forEach(claimed::addAll);
        assertThat(claimed).hasSize(300).doesNotHaveDuplicates();
        assertThat(a.claims).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 25));
        assertThat(a.claims.size() + b.claims.size()).isLessThan(300);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log")).isEqualTo(300);
        assertThat(ChassisDatabase.count("SELECT count(DISTINCT item_id) FROM work_log")).isEqualTo(300);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner IS NOT NULL")).isZero();
    }

    @Test
    void anItemTakenOverInTheMiddleOfABatchIsLeftToItsNewOwner() {
        enqueue(5);
        BatchWorkItemWorker w = batchReplica("batch-fenced", 1, 10);
        List<String> takenOver = new java.util.concurrent.CopyOnWriteArrayList<>();
        w.beforeFinish = (ids, lease) -> {
            if (takenOver.isEmpty()) {
                // another replica took the first item over (its lease ran out while this claim stalled)
                takenOver.add(ids.get(0));
                ChassisDatabase.DB.execute("UPDATE work_item SET lease_owner = 'elsewhere/1', lease_expires_at = now() + interval '1 hour' "
                        + "WHERE id = cast(? as bigint)", ids.get(0));
            }
        };
        w.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> done() == 4);
        assertThat(w.claims.get(0)).hasSize(5);
        // the batch's owner finished the four it still held, and left the fifth alone
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log WHERE item_id = cast(? as bigint)", takenOver.get(0))).isZero();
        assertThat(ChassisDatabase.row("SELECT lease_owner, done_by FROM work_item WHERE id = cast(? as bigint)", takenOver.get(0)))
                .get().satisfies(r -> {
                    assertThat(r.get("lease_owner")).isEqualTo("elsewhere/1");
                    assertThat(r.get("done_by")).isNull();
                });
        w.stop();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner = 'elsewhere/1'")).isEqualTo(1);
    }

    @Test
    void aStoppingBatchWorkerHandsItsWholeBatchBack() throws Exception {
        enqueue(3);
        CountDownLatch running = new CountDownLatch(1);
        BatchWorkItemWorker leaving = new BatchWorkItemWorker("batch-leaving", WorkerSettings.single(true, FAST_POLL, Duration.ofSeconds(5)),
                Duration.ofHours(1), 10);
        started.add(leaving);
        leaving.beforeFinish = (ids, lease) -> {
            running.countDown();
            await().atMost(Duration.ofSeconds(10)).until(lease::isStopping);
        };
        leaving.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE starts_with(lease_owner, ? || '/')",
                leaving.instanceOwner())).isEqualTo(3);

        leaving.stop();

        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner IS NULL AND done_by IS NULL")).isEqualTo(3);
    }

    @Test
    void aWakeRunsNewWorkAtOnceInsteadOfAtTheNextPoll() {
        // the application's worker polls once an hour: only the wake can make it run this item now
        enqueue(3);
        appWorker.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> done() == 3);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log WHERE starts_with(owner, ? || '/')",
                appWorker.instanceOwner())).isEqualTo(3);
    }

    @Test
    void aStoppingWorkerReleasesTheItemItWasRunningSoAnotherReplicaTakesItAtOnce() throws Exception {
        enqueue(1);
        CountDownLatch running = new CountDownLatch(1);
        WorkItemWorker leaving = replica("leaving", 1, Duration.ofHours(1), Duration.ofSeconds(5));
        leaving.beforeFinish = (id, lease) -> {
            running.countDown();
            // a long item that checks for a stop between its steps
            await().atMost(Duration.ofSeconds(10)).until(lease::isStopping);
        };
        leaving.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE starts_with(lease_owner, ? || '/')",
                leaving.instanceOwner())).isEqualTo(1);

        long before = System.nanoTime();
        leaving.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

        // handed back at once, though its lease had an hour to go
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner IS NULL AND done_by IS NULL")).isEqualTo(1);
        WorkItemWorker next = replica("next", 1, Duration.ofSeconds(30), Duration.ofSeconds(5));
        next.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> done() == 1);
        assertThat(ChassisDatabase.row("SELECT done_by FROM work_item")).get()
                .extracting(r -> (String) r.get("done_by")).matches(by -> LeaseOwners.isClaimOf(by, next.instanceOwner()));
        // and the stopped worker claims nothing more
        enqueue(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> done() == 3);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log WHERE starts_with(owner, ? || '/')",
                leaving.instanceOwner())).isZero();
    }

    @Test
    void aWorkerPastItsStopGraceIsInterruptedAndItsItemReleased() {
        enqueue(1);
        WorkItemWorker stuck = replica("stuck", 1, Duration.ofHours(1), Duration.ofMillis(200));
        CountDownLatch never = new CountDownLatch(1);
        stuck.beforeFinish = (id, lease) -> {
            try {
                never.await(); // ignores the stop: only an interrupt ends it
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        };
        stuck.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ChassisDatabase.count("SELECT count(*) FROM work_item WHERE starts_with(lease_owner, ? || '/')",
                        stuck.instanceOwner()) == 1);

        stuck.stop();

        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_item WHERE lease_owner IS NULL AND done_by IS NULL")).isEqualTo(1);
    }

    @Test
    void anItemOfACrashedReplicaIsTakenOverWhenItsLeaseRunsOutAndTheCrashedOneCannotFinishIt() throws Exception {
        enqueue(1);
        // "crashed": holds the item with a 4 s lease and hangs (no renewal), as a dead or frozen process would; the
        // lease is long enough that the "still live" check below holds on a slow, loaded machine
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        WorkItemWorker crashed = replica("crashed", 1, Duration.ofSeconds(4), Duration.ofSeconds(10));
        crashed.beforeFinish = (id, lease) -> {
            hung.countDown();
            try {
                resume.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        crashed.start();
        assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();

        // a live lease is respected: another replica finds nothing to claim until it runs out
        WorkItemWorker survivor = replica("survivor", 1, Duration.ofSeconds(30), Duration.ofSeconds(5));
        Map<String, Object> held = ChassisDatabase.row("SELECT lease_owner, lease_expires_at > now() AS live FROM work_item").orElseThrow();
        assertThat(LeaseOwners.isClaimOf((String) held.get("lease_owner"), crashed.instanceOwner())).isTrue();
        assertThat(held).containsEntry("live", true);
        survivor.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> done() == 1);
        assertThat(ChassisDatabase.row("SELECT done_by FROM work_item")).get()
                .extracting(r -> (String) r.get("done_by")).matches(by -> LeaseOwners.isClaimOf(by, survivor.instanceOwner()));

        // the frozen replica wakes up: its guarded finish changes nothing
        resume.countDown();
        crashed.stop();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log")).isEqualTo(1);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log WHERE starts_with(owner, ? || '/')",
                crashed.instanceOwner())).isZero();
    }

    @Test
    void twoSlotsOfOneInstanceAreFencedPerClaimWhenOneTakesOverTheOthersExpiredLease() throws Exception {
        enqueue(1);
        // slot 1 claims the item with a 6 s lease and stalls (a starved thread, a long GC); once the lease runs out
        // slot 2 of the SAME instance takes it over and stalls too; then slot 1 wakes and tries to finish
        List<String> claimOwners = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CountDownLatch> reached = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<CountDownLatch> resume = List.of(new CountDownLatch(1), new CountDownLatch(1));
        WorkItemWorker instance = replica("one-instance", 2, Duration.ofSeconds(6), Duration.ofSeconds(5));
        instance.beforeFinish = (id, lease) -> {
            int call = claimOwners.size();
            claimOwners.add(lease.owner());
            reached.get(call).countDown();
            try {
                resume.get(call).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        instance.start();
        assertThat(reached.get(0).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reached.get(1).await(20, TimeUnit.SECONDS)).as("the other slot took the expired lease over").isTrue();

        // the stale claim's write is refused while the new holder still works on the item
        resume.get(0).countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> instance.finishes.size() == 1);
        WorkItemWorker.Finish stale = instance.finishes.get(0);
        assertThat(stale.owner()).isEqualTo(claimOwners.get(0));
        assertThat(stale.applied()).as("the stale claim's finish passed the owner check").isFalse();
        assertThat(done()).isZero();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log")).isZero();
        assertThat(claimOwners.get(1)).as("each claim has its own owner name").isNotEqualTo(claimOwners.get(0));
        assertThat(ChassisDatabase.row("SELECT lease_owner FROM work_item")).get()
                .extracting(r -> r.get("lease_owner")).isEqualTo(claimOwners.get(1));

        // the current holder finishes it, once
        resume.get(1).countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> done() == 1);
        assertThat(ChassisDatabase.row("SELECT done_by FROM work_item")).get()
                .extracting(r -> r.get("done_by")).isEqualTo(claimOwners.get(1));
        assertThat(ChassisDatabase.count("SELECT count(*) FROM work_log")).isEqualTo(1);
    }

    @Test
    void aDisabledWorkerStartsNoThreadAndClaimsNothing() throws Exception {
        enqueue(1);
        WorkItemWorker off = new WorkItemWorker("off", WorkerSettings.single(false, FAST_POLL, Duration.ZERO), Duration.ofSeconds(30));
        started.add(off);
        off.start();
        off.wake();
        // nothing may happen: the item stays undone for a while after the wake
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> done() == 0);
    }
}
