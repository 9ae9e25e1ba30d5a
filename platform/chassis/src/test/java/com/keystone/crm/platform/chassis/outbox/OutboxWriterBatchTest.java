package com.keystone.crm.platform.chassis.outbox;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.contracts.EventTypes;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.Reason;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OutboxWriter.appendAll on PostgreSQL: one statement, the same rows as append, all or nothing. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxWriterBatchTest {
    static final String TENANT = "batch-realty";

    @Inject
    OutboxWriter outbox;

    static OutboxEvent scored(String leadId, double score, Instant at) {
        LeadScored payload = LeadScored.builder().withLeadId(UUID.fromString(leadId)).withTenantId(TENANT)
                .withVersion(1L).withOccurredAt(at).withScore(BigDecimal.valueOf(score)).withTier(ScoreTier.WARM)
                .withModelVersion("chassis-test-1")
                .withReasons(List.of(Reason.builder().withFeature("source").withContribution(new BigDecimal("0.5"))
                        .withDescription("test").build()))
                .build();
        return new OutboxEvent(UUID.randomUUID(), EventTypes.LEAD_SCORED, "lead", leadId, TENANT, at, payload);
    }

    void appendAll(List<OutboxEvent> events) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.appendAll(events)));
    }

    @Test
    void writesEveryEventInDebeziumsShape() throws Throwable {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxEvent first = scored(UUID.randomUUID().toString(), 61, at);
        OutboxEvent second = scored(UUID.randomUUID().toString(), 62, at.plusSeconds(1));

        appendAll(List.of(first, second));

        for (OutboxEvent e : List.of(first, second)) {
            Map<String, Object> row = ChassisDatabase.row("""
                    SELECT type, aggregatetype, aggregateid, jsonb_typeof(payload) AS payload_kind, payload->>'leadId' AS lead,
                           source, specversion, content_type, occurred_at, tenant_id, traceparent
                    FROM outbox_event WHERE id = ?""", e.id()).orElseThrow();
            assertThat(row.get("type")).isEqualTo("lead.scored");
            assertThat(row.get("aggregatetype")).isEqualTo("lead");
            assertThat(row.get("aggregateid")).isEqualTo(e.aggregateId());
            assertThat(row.get("payload_kind")).as("jsonb holds an object, not a JSON string").isEqualTo("object");
            assertThat(row.get("lead")).isEqualTo(e.aggregateId());
            assertThat(row.get("source")).isEqualTo("/chassis-test");
            assertThat(row.get("specversion")).isEqualTo("1.0");
            assertThat(row.get("content_type")).isEqualTo("application/json");
            assertThat(((Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(e.occurredAt());
            assertThat(row.get("tenant_id")).isEqualTo(TENANT);
            assertThat(row.get("traceparent")).isNull();
        }
    }

    @Test
    void oneEventBreakingTheContractWritesNone() {
        Instant at = Instant.now();
        OutboxEvent good = scored(UUID.randomUUID().toString(), 50, at);
        OutboxEvent bad = scored(UUID.randomUUID().toString(), 250, at); // score above 100

        assertThatThrownBy(() -> appendAll(List.of(good, bad))).isInstanceOf(InvalidEventException.class);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM outbox_event WHERE id IN (?, ?)", good.id(), bad.id())).isZero();
    }

    @Test
    void anEmptyListWritesNothing() throws Throwable {
        long before = ChassisDatabase.count("SELECT count(*) FROM outbox_event");
        appendAll(List.of());
        assertThat(ChassisDatabase.count("SELECT count(*) FROM outbox_event")).isEqualTo(before);
    }
}
