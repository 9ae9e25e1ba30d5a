package com.keystone.crm.platform.contracts;

import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPayloadTypesTest {

    static final List<String> ALL_TYPES = EventTypes.ALL;

    private final EventPayloadTypes registry = EventPayloadTypes.shared();

    @ParameterizedTest
    @FieldSource("ALL_TYPES")
    void everyEventTypeHasAGeneratedPayloadTypeBothWays(String eventType) {
        Class<? extends EventPayload> javaType = registry.javaTypeOf(eventType).orElseThrow();
        assertThat(javaType.getPackageName()).isEqualTo(EventPayloadTypes.PACKAGE);
        assertThat(registry.eventTypeOf(javaType)).contains(eventType);
    }

    @Test
    void theRegistryCoversExactlyTheCatalogueEventTopics() {
        List<String> catalogue = TopicCatalogue.load().eventTopics().stream()
                .map(t -> t.eventType().orElseThrow()).toList();
        assertThat(registry.eventTypes()).containsExactlyElementsOf(catalogue);
        assertThat(registry.eventTypes()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        assertThat(registry.eventTypes().stream().map(t -> registry.javaTypeOf(t).orElseThrow()).distinct())
                .hasSameSizeAs(EventTypes.ALL);
    }

    @Test
    void namesAreTheStableEventTypeNamesNeverClassNames() {
        assertThat(registry.javaTypeOf("lead.status-changed")).contains(LeadStatusChanged.class);
        assertThat(registry.eventTypeOf(LeadStatusChanged.class)).contains("lead.status-changed");
        assertThat(registry.javaTypeOf("LeadStatusChanged")).isEmpty();
        assertThat(registry.javaTypeOf(null)).isEmpty();
        assertThat(EventPayloadTypes.className("workflow.enrollment-changed"))
                .isEqualTo(EventPayloadTypes.PACKAGE + ".WorkflowEnrollmentChanged");
    }

    @Test
    void aTypeThatIsNoEventPayloadHasNoEventType() {
        assertThat(registry.eventTypeOf(Media.class)).isEmpty();
        assertThat(registry.eventTypeOf(String.class)).isEmpty();
        assertThat(registry.eventTypeOf(LeadCreated.builder().build())).isEqualTo("lead.created");
        EventPayload handMade = new EventPayload() {
            @Override public String getTenantId() { return "t"; }
            @Override public Long getVersion() { return 1L; }
            @Override public java.time.Instant getOccurredAt() { return java.time.Instant.EPOCH; }
        };
        assertThatThrownBy(() -> registry.eventTypeOf(handMade))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the payload type of an event");
    }
}
