package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A failure after the lead and its outbox row were inserted (a deferred trigger that fails at commit) leaves
 * neither the lead nor the event: nothing reaches Kafka.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class OutboxRollbackTest {
    static final String TENANT = "rollback-realty";
    static final String TOKEN_USER = "agent-rolf";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, TOKEN_USER, "team-r", "agent");
    }

    @BeforeEach
    void failCommitsOfMarkedEvents() {
        TestDirectory.DB.execute("""
                CREATE OR REPLACE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'forced failure at commit'; END $$""");
        TestDirectory.DB.execute("DROP TRIGGER IF EXISTS test_fail_commit ON outbox_event");
        TestDirectory.DB.execute("""
                CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT ON outbox_event
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (NEW.payload->>'lastName' = 'Rollback') EXECUTE FUNCTION test_fail_commit()""");
    }

    @AfterEach
    void removeTrigger() {
        TestDirectory.DB.execute("DROP TRIGGER IF EXISTS test_fail_commit ON outbox_event");
    }

    @Test
    void aFailedCommitLeavesNoRowAndNoEvent() {
        String token = TestTokens.token(TENANT, TOKEN_USER, "team-r", "agent");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Rollback\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/internal"));

        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE last_name = 'Rollback'")).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE payload->>'lastName' = 'Rollback'")).isZero();

        // a later lead's event arrives, and the rolled-back one never did
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"AfterRollback\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        KafkaEvents.awaitEvent("lead.created", e -> id.equals(e.key()));
        assertThat(KafkaEvents.readAll("lead.created"))
                .noneMatch(e -> "Rollback".equals(e.value().path("lastName").asText()));
    }
}
