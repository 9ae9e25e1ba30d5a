package com.keystone.crm.platform.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstantsTest {

    @Test
    void eventTypesAreStableDottedNamesNotClassNames() {
        assertThat(EventTypes.ALL).hasSize(24).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).matches("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*"));
        assertThat(EventTypes.LEAD_CREATED).isEqualTo("lead.created");
        assertThat(EventTypes.LEAD_STATUS_CHANGED).isEqualTo("lead.status-changed");
        assertThat(EventTypes.WORKFLOW_ENROLLMENT_CHANGED).isEqualTo("workflow.enrollment-changed");
        assertThat(EventTypes.isKnown("lead.scored")).isTrue();
        assertThat(EventTypes.isKnown("LeadScored")).isFalse();
        assertThat(EventTypes.isKnown(null)).isFalse();
    }

    @Test
    void eventTypesMatchTheCatalogueAndTheValidator() {
        assertThat(TopicCatalogue.load().eventTypes()).containsExactlyElementsOf(EventTypes.ALL);
        assertThat(EventSchemaValidator.shared().eventTypes()).containsExactlyElementsOf(EventTypes.ALL);
    }

    @Test
    void cloudEventHeaderNamesAreTheKafkaBinaryModeNames() {
        assertThat(CloudEventHeaderNames.ALL).containsExactly(
                "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
                "content-type", "ce_tenant", "traceparent");
        assertThat(CloudEventHeaderNames.SPEC_VERSION).isEqualTo("1.0");
        assertThat(CloudEventHeaderNames.APPLICATION_JSON).isEqualTo("application/json");
        assertThat(CloudEventHeaderNames.source(ServiceNames.LEAD_SERVICE)).isEqualTo("/lead-service");
        assertThat(CloudEventHeaderNames.source("/lead-service")).isEqualTo("/lead-service");
        assertThatThrownBy(() -> CloudEventHeaderNames.source(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceNames() {
        assertThat(ServiceNames.ALL).containsExactly("api-gateway", "lead-service", "property-sync-service",
                "workflow-service", "scoring-service", "notification-service");
        assertThat(ServiceNames.deadLetterTopic(ServiceNames.SCORING_SERVICE)).isEqualTo("scoring-service.dlq");
    }

    @Test
    void topicKindSpelling() {
        assertThat(TopicSpec.Kind.DEAD_LETTER.jsonName()).isEqualTo("dead-letter");
        assertThat(TopicSpec.Kind.fromJsonName("command")).isEqualTo(TopicSpec.Kind.COMMAND);
        assertThatThrownBy(() -> TopicSpec.Kind.fromJsonName("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
