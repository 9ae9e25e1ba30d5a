package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.platform.testkit.TestPostgres;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timer worker's batches: a claim locks and leases many due enrollments at once, and two claims never share one;
 * a batch's steps run in one transaction, each enrollment fenced by its own lease; a failing enrollment does not stop
 * (nor repeat) the others' steps. The application's own worker runs meanwhile: the enrollments here wait on a 10
 * minute timer, so it leaves them alone until the test leases them or moves the clock.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class BatchClaimTest {
    static final String LATER = """
            {"name": "Later", "trigger": {"type": "manual"}, "start": "wait",
             "steps": [{"id": "wait", "type": "wait", "duration": "PT10M", "next": "email"},
                       {"id": "email", "type": "send", "channel": "email", "templateKey": "batch.email"}]}""";

    @Inject
    TestClock clock;
    @Inject
    EnrollmentWorker worker;
    @Inject
    StepRunner runner;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void twoClaimsNeverShareAnEnrollment() throws Exception {
        List<UUID> mine = enrollWaiting("batch-claims", 12);
        Instant later = Instant.now().plus(Duration.ofMinutes(11)); // due then; the application's clock is not moved
        Set<UUID> lockedElsewhere = new HashSet<>(mine.subList(0, 5));
        List<UUID> first;
        // another claimer's transaction holds five of them locked (its claim in progress): this claim skips them
        try (Connection other = DriverManager.getConnection(CrmTestEnvironment.get().postgres().jdbcUrl("workflow-service"),
                TestPostgres.USER, TestPostgres.PASSWORD); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.executeQuery("SELECT id FROM enrollment WHERE id IN (" + lockedElsewhere.stream().map(id -> "'" + id + "'")
                    .collect(Collectors.joining(",")) + ") FOR UPDATE").close();
            first = claim(later, "batch-test/1");
            other.commit();
        }
        List<UUID> second = claim(later, "batch-test/2");
        try {
            assertThat(first).containsAll(mine.subList(5, 12)).doesNotContainAnyElementsOf(lockedElsewhere);
            // the first claim's leases hold: the second gets only what was locked elsewhere
            assertThat(second).containsAll(lockedElsewhere).doesNotContainAnyElementsOf(first);
            assertThat(count("SELECT count(*) FROM enrollment WHERE lease_owner = 'batch-test/1' AND id IN (" + in(mine) + ")")).isEqualTo(7);
            assertThat(count("SELECT count(*) FROM enrollment WHERE lease_owner = 'batch-test/2' AND id IN (" + in(mine) + ")")).isEqualTo(5);
        } finally {
            release(first, "batch-test/1");
            release(second, "batch-test/2");
        }
        assertThat(count("SELECT count(*) FROM enrollment WHERE lease_owner IS NOT NULL AND id IN (" + in(mine) + ")")).isZero();
    }

    @Test
    void anEnrollmentTakenOverMidBatchIsLeftToItsNewOwner() {
        List<UUID> mine = enrollWaiting("batch-fence", 3);
        String owner = "batch-test/3";
        int leased = LeasedWorker.await(() -> Panache.withTransaction(() ->
                EnrollmentWorker.ENROLLMENTS.claimAll(mine.stream().map(UUID::toString).toList(), owner, Duration.ofMinutes(5))));
        assertThat(leased).isEqualTo(3);
        UUID takenOver = mine.get(0);
        // its lease ran out and another worker claimed it while this batch was on its way
        DB.execute("UPDATE enrollment SET lease_owner = 'elsewhere/1', lease_expires_at = now() + interval '5 minutes' WHERE id = cast(? as uuid)",
                takenOver.toString());
        clock.advance(Duration.ofMinutes(11));

        List<StepRunner.Ran> ran = LeasedWorker.await(() -> Panache.withTransaction(() -> runner.runDueBatch(mine, owner, 200)
                .call(() -> EnrollmentWorker.ENROLLMENTS.releaseAll(mine.stream().map(UUID::toString).toList(), owner))));

        // the two it still held ran both their steps (the wait's end, the email) in the batch; the other is untouched
        assertThat(ran).hasSize(4).extracting(StepRunner.Ran::stepType).containsOnly("wait", "send");
        for (UUID id : mine.subList(1, 3)) {
            assertThat(count("SELECT count(*) FROM enrollment WHERE id = cast(? as uuid) AND state = 'completed' AND lease_owner IS NULL", id.toString())).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id = cast(? as uuid)", id.toString())).isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id = cast(? as uuid)", takenOver.toString())).isZero();
        assertThat(count("SELECT count(*) FROM enrollment WHERE id = cast(? as uuid) AND state = 'active' AND lease_owner = 'elsewhere/1'",
                takenOver.toString())).isEqualTo(1);

        // its new owner lets go without running it (a crash): the worker runs it, once
        DB.execute("UPDATE enrollment SET lease_owner = NULL, lease_expires_at = NULL WHERE id = cast(? as uuid)", takenOver.toString());
        worker.wake();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM enrollment WHERE id = cast(? as uuid) AND state = 'completed'", takenOver.toString()) == 1);
        assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id = cast(? as uuid)", takenOver.toString())).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> sendsPerEnrollment(mine).size() == 3);
        assertThat(sendsPerEnrollment(mine)).containsOnlyKeys(mine.stream().map(UUID::toString).toArray(String[]::new))
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
    }

    @Test
    void aFailingEnrollmentDoesNotStopOrRepeatTheOthersOfItsBatch() {
        List<UUID> mine = enrollWaiting("batch-poison", 6);
        UUID poison = mine.get(2);
        // a step its definition does not have: running it throws, so the whole batch transaction rolls back
        DB.execute("UPDATE enrollment SET current_step_id = 'gone' WHERE id = cast(? as uuid)", poison.toString());
        try {
            clock.advance(Duration.ofMinutes(11));
            worker.wake();

            List<UUID> others = new ArrayList<>(mine);
            others.remove(poison);
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM enrollment WHERE state = 'completed' AND id IN ("
                    + in(others) + ")") == 5);
            assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id IN (" + in(others) + ")")).isEqualTo(10);
            await().atMost(Duration.ofSeconds(30)).until(() -> sendsPerEnrollment(others).size() == 5);
            assertThat(sendsPerEnrollment(mine)).hasSize(5).doesNotContainKey(poison.toString())
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            // the failing one ran nothing and keeps its lease until it runs out (then it is retried)
            assertThat(count("SELECT count(*) FROM step_execution WHERE enrollment_id = cast(? as uuid)", poison.toString())).isZero();
            assertThat(count("SELECT count(*) FROM enrollment WHERE id = cast(? as uuid) AND state = 'active' AND lease_owner IS NOT NULL "
                    + "AND lease_expires_at > now()", poison.toString())).isEqualTo(1);
        } finally {
            // ended by hand, so the worker does not retry it for the rest of this test run
            DB.execute("UPDATE enrollment SET state = 'failed', due_at = NULL, lease_owner = NULL, lease_expires_at = NULL "
                    + "WHERE id = cast(? as uuid)", poison.toString());
        }
    }

    /** {@code n} leads of a new tenant enrolled in a workflow whose first step waits 10 minutes; their enrollment ids. */
    private static List<UUID> enrollWaiting(String tenant, int n) {
        String token = admin(tenant);
        String workflow = published(token, LATER);
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID lead = UUID.randomUUID();
            leadCreated(tenant, lead, "agent-b", null);
            leads.add(lead);
        }
        leads.forEach(lead -> awaitLead(lead));
        List<UUID> enrollments = new ArrayList<>();
        for (UUID lead : leads) {
            enrollments.add(UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                    .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201).extract().path("id")));
        }
        return enrollments;
    }

    private List<UUID> claim(Instant now, String owner) {
        List<UUID> claimed = LeasedWorker.await(() -> Panache.withTransaction(() -> worker.claim(now, owner)));
        return claimed == null ? List.of() : claimed;
    }

    private static void release(List<UUID> ids, String owner) {
        LeasedWorker.await(() -> Panache.withTransaction(() ->
                EnrollmentWorker.ENROLLMENTS.releaseAll(ids.stream().map(UUID::toString).toList(), owner)));
    }

    /** notification.requested records on Kafka per enrollment id, of these enrollments. */
    private static Map<String, Long> sendsPerEnrollment(List<UUID> ids) {
        Set<String> wanted = ids.stream().map(UUID::toString).collect(Collectors.toSet());
        return KafkaEvents.readAll("notification.requested").stream().map(CapturedEvent::value)
                .map(v -> v.path("enrollmentId").asText()).filter(wanted::contains)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static long count(String sql, Object... params) {
        return DB.count(sql, params);
    }

    private static String in(List<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }
}
