package com.keystone.crm.platform.chassis.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the writer refuses before it touches the database (the insert itself: OutboxWriterDatabaseTest). */
class OutboxWriterTest {
    static final UUID LEAD = UUID.fromString("3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f");
    static final Instant AT = Instant.parse("2025-03-03T15:10:05Z");

    final OutboxWriter writer = new OutboxWriter(new ObjectMapper(), "chassis-test", true);

    static LeadScored.LeadScoredBuilderBase<? extends LeadScored> scored() {
        return LeadScored.builder().withLeadId(LEAD).withTenantId("acme").withVersion(1L).withOccurredAt(AT)
                .withScore(new BigDecimal("87.5")).withTier(ScoreTier.HOT).withModelVersion("gbt-1");
    }

    static OutboxEvent event(LeadScored payload) {
        return OutboxEvent.of("lead.scored", "lead", LEAD.toString(), "acme", AT, payload);
    }

    @Test
    void theSourceIsTheApplicationName() {
        assertThat(writer.source()).isEqualTo("/chassis-test");
    }

    @Test
    void aPayloadBreakingTheContractFailsTheUni() {
        LeadScored tooHigh = scored().withScore(BigDecimal.valueOf(250)).build();
        assertThatThrownBy(() -> writer.append(event(tooHigh)).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("lead.scored");
    }

    @Test
    void aMissingRequiredFieldIsCaughtOnWrite() {
        LeadScored noModel = scored().withModelVersion(null).build();
        assertThatThrownBy(() -> writer.append(event(noModel)).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("modelVersion");
        assertThatThrownBy(() -> writer.appendAll(List.of(event(scored().build()), event(noModel)))
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("modelVersion");
    }

    @Test
    void theEventTypeComesFromThePayloadType() {
        LeadScored payload = scored().build();
        OutboxEvent e = OutboxEvent.of("lead", LEAD.toString(), payload);
        assertThat(e.type()).isEqualTo("lead.scored");
        assertThat(e.tenantId()).isEqualTo("acme");
        assertThat(e.occurredAt()).isEqualTo(AT);
        assertThat(e.payload()).isSameAs(payload);
    }

    @Test
    void anExplicitEventTypeMustBeThePayloadsType() {
        assertThatThrownBy(() -> OutboxEvent.of("lead.created", "lead", "1", "acme", AT, scored().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a LeadScored payload is a 'lead.scored' event, not 'lead.created'");
        assertThatThrownBy(() -> OutboxEvent.of("widget.made", "widget", "1", "acme", AT, LeadCreated.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsRequireTheirRoutingFields() {
        LeadScored p = scored().build();
        assertThatThrownBy(() -> new OutboxEvent(null, "lead.scored", "lead", "1", "t", AT, p))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> OutboxEvent.of(null, "lead", "1", "t", AT, p)).hasMessage("type");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", null, "1", "t", AT, p)).hasMessage("aggregateType");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", null, "t", AT, p)).hasMessage("aggregateId");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", "1", "t", null, p)).hasMessage("occurredAt");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", "1", "t", AT, null)).hasMessage("payload");
        assertThatThrownBy(() -> OutboxEvent.of("lead", "1", null)).hasMessage("payload");
        OutboxEvent withoutTenant = OutboxEvent.of("lead.scored", "lead", "1", null, AT, p);
        assertThat(withoutTenant.tenantId()).isNull();
        assertThat(withoutTenant.id()).isNotNull().isNotEqualTo(OutboxEvent.of("lead.scored", "lead", "1", null, AT, p).id());
    }

    @Test
    void validationCanBeSwitchedOff() {
        OutboxWriter unchecked = new OutboxWriter(new ObjectMapper(), "chassis-test", false);
        LeadScored tooHigh = scored().withScore(BigDecimal.valueOf(250)).build();
        // no validation: the failure now comes from the missing Hibernate Reactive session, not from the contract
        assertThatThrownBy(() -> unchecked.append(event(tooHigh)).await().atMost(Duration.ofSeconds(5)))
                .isNotInstanceOf(InvalidEventException.class);
    }
}
