package com.keystone.crm.platform.chassis.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.contracts.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the writer refuses before it touches the database (the insert itself: OutboxWriterDatabaseTest). */
class OutboxWriterTest {
    final OutboxWriter writer = new OutboxWriter(new ObjectMapper(), "chassis-test", true);

    static OutboxEvent event(Object payload) {
        return OutboxEvent.of("lead.scored", "lead", "lead-1", "acme", Instant.now(), payload);
    }

    @Test
    void theSourceIsTheApplicationName() {
        assertThat(writer.source()).isEqualTo("/chassis-test");
    }

    @Test
    void aPayloadBreakingTheContractFailsTheUni() {
        assertThatThrownBy(() -> writer.append(event(Map.of("leadId", "not-a-uuid", "score", 250))).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("lead.scored");
    }

    @Test
    void anEventTypeWithoutAContractFailsTheUni() {
        OutboxEvent e = OutboxEvent.of("widget.made", "widget", "w-1", "acme", Instant.now(), Map.of("a", 1));
        assertThatThrownBy(() -> writer.append(e).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aPayloadThatCannotBeSerialisedFailsTheUni() {
        assertThatThrownBy(() -> writer.append(event(new Object())).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsRequireTheirRoutingFields() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new OutboxEvent(null, "lead.scored", "lead", "1", "t", now, Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> OutboxEvent.of(null, "lead", "1", "t", now, Map.of())).hasMessage("type");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", null, "1", "t", now, Map.of())).hasMessage("aggregateType");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", null, "t", now, Map.of())).hasMessage("aggregateId");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", "1", "t", null, Map.of())).hasMessage("occurredAt");
        assertThatThrownBy(() -> OutboxEvent.of("lead.scored", "lead", "1", "t", now, null)).hasMessage("payload");
        OutboxEvent withoutTenant = OutboxEvent.of("lead.scored", "lead", "1", null, now, Map.of());
        assertThat(withoutTenant.tenantId()).isNull();
        assertThat(withoutTenant.id()).isNotNull().isNotEqualTo(OutboxEvent.of("lead.scored", "lead", "1", null, now, Map.of()).id());
    }

    @Test
    void validationCanBeSwitchedOff() {
        OutboxWriter unchecked = new OutboxWriter(new ObjectMapper(), "chassis-test", false);
        // no validation: the failure now comes from the missing Hibernate Reactive session, not from the contract
        assertThatThrownBy(() -> unchecked.append(event(Map.of("score", 250))).await().atMost(Duration.ofSeconds(5)))
                .isNotInstanceOf(InvalidEventException.class);
    }
}
