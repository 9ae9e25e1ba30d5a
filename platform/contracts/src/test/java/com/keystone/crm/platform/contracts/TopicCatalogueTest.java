package com.keystone.crm.platform.contracts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicCatalogueTest {

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void listsEveryEventTypeAndTheSixDeadLetterTopics() {
        assertThat(catalogue.eventTypes()).containsExactlyElementsOf(EventTypes.ALL);
        assertThat(catalogue.deadLetterTopics()).extracting(TopicSpec::topic).containsExactly(
                "api-gateway.dlq", "lead-service.dlq", "property-sync-service.dlq",
                "workflow-service.dlq", "scoring-service.dlq", "notification-service.dlq");
        assertThat(catalogue.topics()).hasSize(EventTypes.ALL.size() + 6);
        assertThat(catalogue.topicNames()).doesNotHaveDuplicates();
    }

    @Test
    void servicesAreTheSixServiceDirectories() {
        assertThat(catalogue.services()).containsExactlyElementsOf(ServiceNames.ALL);
    }

    @Test
    void everyProducerAndConsumerIsAKnownService() {
        for (TopicSpec t : catalogue.topics()) {
            assertThat(t.producers()).as(t.topic() + " producers").isNotEmpty().allSatisfy(
                    p -> assertThat(ServiceNames.ALL).contains(p));
            assertThat(t.consumers()).as(t.topic() + " consumers").allSatisfy(
                    c -> assertThat(ServiceNames.ALL).contains(c));
            assertThat(t.consumers()).as(t.topic() + ": a service does not consume what it produces")
                    .doesNotContain(t.producer());
        }
    }

    @Test
    void eventTopicsHaveKeySchemaAndSensibleSettings() {
        for (TopicSpec t : catalogue.eventTopics()) {
            assertThat(t.kind()).isIn(TopicSpec.Kind.EVENT, TopicSpec.Kind.COMMAND);
            assertThat(t.key()).as(t.topic()).isNotBlank();
            assertThat(t.schema()).isEqualTo("schemas/" + t.topic() + ".schema.json");
            assertThat(t.schemaResource()).contains("contracts/schemas/" + t.topic() + ".schema.json");
            assertThat(t.eventType()).contains(t.topic());
            assertThat(t.partitions()).isPositive();
            assertThat(t.retention()).isEqualTo(Duration.ofMillis(t.retentionMs())).isPositive();
            assertThat(t.description()).isNotBlank();
            if ("leadId".equals(t.key())) {
                assertThat(t.partitions()).as(t.topic() + " is a lead topic").isEqualTo(6);
            }
        }
    }

    @Test
    void commandsAreTheRequestedTopics() {
        assertThat(catalogue.eventTopics()).filteredOn(t -> t.kind() == TopicSpec.Kind.COMMAND)
                .extracting(TopicSpec::topic)
                .containsExactlyInAnyOrder(EventTypes.TASK_REQUESTED, EventTypes.NOTIFICATION_REQUESTED,
                        EventTypes.LEAD_UPDATE_REQUESTED);
    }

    @Test
    void deadLetterTopicsHaveNoSchemaAndBelongToTheirService() {
        for (String service : ServiceNames.ALL) {
            TopicSpec dlq = catalogue.deadLetterTopicOf(service);
            assertThat(dlq.topic()).isEqualTo(service + ".dlq");
            assertThat(dlq.isDeadLetter()).isTrue();
            assertThat(dlq.hasSchema()).isFalse();
            assertThat(dlq.schemaResource()).isEmpty();
            assertThat(dlq.eventType()).isEmpty();
            assertThat(dlq.producer()).isEqualTo(service);
            assertThat(dlq.retention()).isGreaterThanOrEqualTo(Duration.ofDays(7));
        }
        assertThatThrownBy(() -> catalogue.deadLetterTopicOf("billing-service"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown service 'billing-service'");
    }

    @Test
    void findsTopicsByName() {
        TopicSpec created = catalogue.require(EventTypes.LEAD_CREATED);
        assertThat(created.key()).isEqualTo("leadId");
        assertThat(created.producer()).isEqualTo(ServiceNames.LEAD_SERVICE);
        assertThat(created.partitions()).isEqualTo(6);
        assertThat(created.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(created.retentionMs()).isEqualTo(604_800_000L);
        assertThat(catalogue.find("lead.created")).contains(created);
        assertThat(catalogue.find("lead.deleted")).isEmpty();
        assertThat(catalogue.find(null)).isEmpty();
        assertThatThrownBy(() -> catalogue.require("LeadCreatedEvent"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown topic 'LeadCreatedEvent'");
    }

    @Test
    void consumersOfATopic() {
        assertThat(catalogue.consumersOf(EventTypes.LEAD_CREATED))
                .containsExactlyInAnyOrder(ServiceNames.WORKFLOW_SERVICE, ServiceNames.SCORING_SERVICE,
                        ServiceNames.NOTIFICATION_SERVICE);
        assertThat(catalogue.consumersOf(EventTypes.USER_CREATED)).containsExactlyInAnyOrder(ServiceNames.LEAD_SERVICE,
                ServiceNames.NOTIFICATION_SERVICE);
        assertThat(catalogue.consumersOf(EventTypes.NOTIFICATION_REPLIED)).containsExactlyInAnyOrder(
                ServiceNames.LEAD_SERVICE, ServiceNames.WORKFLOW_SERVICE, ServiceNames.SCORING_SERVICE);
        assertThat(catalogue.consumersOf(EventTypes.LEAD_ASSIGNED)).containsExactlyInAnyOrder(ServiceNames.NOTIFICATION_SERVICE,
                ServiceNames.SCORING_SERVICE);
        assertThatThrownBy(() -> catalogue.consumersOf("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsProducedAndConsumedByAService() {
        assertThat(catalogue.producedBy(ServiceNames.LEAD_SERVICE)).extracting(TopicSpec::topic).containsExactly(
                "lead.created", "lead.updated", "lead.status-changed", "lead.assigned", "lead.activity-recorded",
                "task.created", "task.completed", "audit.recorded", "lead-service.dlq");
        assertThat(catalogue.consumedBy(ServiceNames.LEAD_SERVICE)).extracting(TopicSpec::topic)
                .containsExactlyInAnyOrder("user.created", "user.updated", "lead.scored", "task.requested",
                        "lead.update-requested", "notification.replied", "contact.opted-out", "property.updated",
                        "auth.access-revoked");
        // issue #10: every service but the gateway consumes the gateway's revocations; the gateway keeps the audits
        assertThat(catalogue.consumersOf(EventTypes.AUTH_ACCESS_REVOKED)).containsExactlyInAnyOrderElementsOf(
                ServiceNames.ALL.stream().filter(s -> !s.equals(ServiceNames.API_GATEWAY)).toList());
        assertThat(catalogue.consumedBy(ServiceNames.API_GATEWAY)).extracting(TopicSpec::topic).containsExactly("audit.recorded");
        // the gateway sends password-reset mail through notification.requested (issue 4)
        assertThat(catalogue.producedBy(ServiceNames.API_GATEWAY)).extracting(TopicSpec::topic)
                .contains("user.created", "user.updated", "notification.requested");
        TopicSpec requested = catalogue.require(EventTypes.NOTIFICATION_REQUESTED);
        assertThat(requested.producers()).containsExactly(ServiceNames.WORKFLOW_SERVICE, ServiceNames.API_GATEWAY);
        assertThat(requested.isProducedBy(ServiceNames.API_GATEWAY)).isTrue();
        assertThat(requested.isConsumedBy(ServiceNames.NOTIFICATION_SERVICE)).isTrue();
        assertThat(catalogue.producedBy("unknown-service")).isEmpty();
    }

    @Test
    void recordKeysAreTheAggregateIds() {
        assertThat(catalogue.require(EventTypes.USER_UPDATED).key()).isEqualTo("userId");
        assertThat(catalogue.require(EventTypes.TASK_CREATED).key()).isEqualTo("taskId");
        assertThat(catalogue.require(EventTypes.PROPERTY_UPDATED).key()).isEqualTo("ListingKey");
        assertThat(catalogue.require(EventTypes.NOTIFICATION_DELIVERED).key()).isEqualTo("deliveryId");
        assertThat(catalogue.require(EventTypes.WORKFLOW_ENROLLMENT_CHANGED).key()).isEqualTo("enrollmentId");
        assertThat(catalogue.require(EventTypes.LEAD_SCORED).key()).isEqualTo("leadId");
    }

    @Test
    void isImmutable() {
        List<TopicSpec> topics = catalogue.topics();
        assertThatThrownBy(() -> topics.add(topics.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalogue.services().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> topics.get(0).consumers().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAnInconsistentCatalogue() {
        String json = """
                {"services": ["lead-service"],
                 "topics": [
                   {"topic": "lead.created", "kind": "event", "key": "leadId", "producer": "lead-service",
                    "consumers": ["billing-service"], "partitions": 6, "retention": "P7D", "retentionMs": 1000,
                    "schema": "schemas/lead.created.schema.json"},
                   {"topic": "lead.created", "kind": "event", "key": "leadId", "producer": "lead-service",
                    "consumers": [], "partitions": 6, "retention": "P7D", "retentionMs": 604800000,
                    "schema": "schemas/lead.created.schema.json"},
                   {"topic": "lead.updated", "kind": "event", "producer": "lead-service",
                    "consumers": [], "partitions": 0, "retention": "P7D", "retentionMs": 604800000},
                   {"topic": "lead-service.dlq", "kind": "dead-letter", "producer": "lead-service",
                    "consumers": [], "partitions": 3, "retention": "P30D", "retentionMs": 2592000000,
                    "schema": "schemas/x.schema.json"},
                   {"topic": "x.y", "kind": "gossip", "producer": "lead-service", "partitions": 1,
                    "retention": "P1D", "retentionMs": 86400000},
                   {"topic": "x.z", "kind": "event", "producer": "lead-service", "partitions": 1,
                    "retention": "a week", "retentionMs": 86400000}
                 ]}
                """;
        assertThatThrownBy(() -> TopicCatalogue.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lead.created: unknown consumer 'billing-service'")
                .hasMessageContaining("retentionMs says 1000")
                .hasMessageContaining("lead.created: listed twice")
                .hasMessageContaining("lead.updated: key (the aggregate id field) is required")
                .hasMessageContaining("lead.updated: schema is required")
                .hasMessageContaining("lead.updated: partitions must be at least 1")
                .hasMessageContaining("lead-service.dlq: a dead-letter topic has no schema")
                .hasMessageContaining("unknown topic kind 'gossip'")
                .hasMessageContaining("retention 'a week' is not an ISO-8601 duration");
    }

    @Test
    void rejectsMalformedCatalogues() {
        assertThatThrownBy(() -> TopicCatalogue.fromJson(stream("{not json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TopicCatalogue.fromJson(stream("[]")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> TopicCatalogue.fromJson(stream("{\"services\": [], \"topics\": []}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lists no services");
        assertThatThrownBy(() -> TopicCatalogue.fromJson(stream("{\"services\": [\"a\"]}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'topics' must be an array");
        assertThatThrownBy(() -> TopicCatalogue.load(getClass().getClassLoader(), "contracts/nope.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not found on the classpath");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
