package com.keystone.crm.scoring.feature.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureFoldTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static StoredEvent event(String type, Duration after, String json) throws Exception {
        return new StoredEvent(type, T0.plus(after), JSON.readTree(json));
    }

    @Test
    void featuresAtACutoffIgnoreEverythingLater() throws Exception {
        List<StoredEvent> history = new ArrayList<>(List.of(
                event("lead.created", Duration.ZERO, "{\"source\":\"zillow\",\"type\":\"buyer\",\"timeframe\":\"0-3-months\","
                        + "\"budgetMax\":500000,\"preferredAreas\":[\"Austin\",\"78701\"],\"emails\":[\"a@b.c\"],\"phones\":[],"
                        + "\"consent\":{\"sms\":true},\"assignedAgentId\":\"agent-1\",\"createdAt\":\"2025-03-01T10:00:00Z\"}"),
                event("lead.activity-recorded", Duration.ofMinutes(5), "{\"activityType\":\"call-logged\"}"),
                event("notification.delivered", Duration.ofMinutes(10), "{}"),
                event("notification.replied", Duration.ofMinutes(40), "{}"),
                event("lead.activity-recorded", Duration.ofDays(1), "{\"activityType\":\"property-viewed\"}"),
                event("lead.activity-recorded", Duration.ofDays(1), "{\"activityType\":\"score-change\"}"),
                event("lead.assigned", Duration.ofDays(2), "{\"assignedAgentId\":\"agent-2\",\"previousAgentId\":\"agent-1\"}"),
                event("lead.updated", Duration.ofDays(3), "{\"source\":\"referral\",\"budgetMax\":null}"),
                event("lead.activity-recorded", Duration.ofDays(40), "{\"activityType\":\"listing-match\"}")));

        Map<String, Object> early = FeatureFold.at(history, T0.plus(Duration.ofHours(2)), null);
        assertThat(early.get("source")).isEqualTo("zillow");
        assertThat(early.get("lead_type")).isEqualTo("buyer");
        assertThat(early.get("budget_max")).isEqualTo(500000.0);
        assertThat(early.get("preferred_areas")).isEqualTo(2.0);
        assertThat(early.get("has_email")).isEqualTo(1.0);
        assertThat(early.get("has_phone")).isEqualTo(0.0);
        assertThat(early.get("consent_sms")).isEqualTo("true");
        assertThat(early.get("consent_email")).isNull();
        assertThat(early.get("activities")).isEqualTo(1.0);
        assertThat(early.get("activities_call_logged")).isEqualTo(1.0);
        assertThat(early.get("activities_property_viewed")).isEqualTo(0.0);
        assertThat(early.get("minutes_to_first_contact")).isEqualTo(5.0);
        assertThat(early.get("messages_delivered")).isEqualTo(1.0);
        assertThat(early.get("replies")).isEqualTo(1.0);
        assertThat(early.get("replied_within_1h")).isEqualTo(1.0);
        assertThat(early.get("minutes_to_first_reply")).isEqualTo(30.0);
        assertThat(early.get("reassignments")).isEqualTo(0.0);
        assertThat(early.get("assigned")).isEqualTo(1.0);
        assertThat(early.get("listing_matches")).isEqualTo(0.0);
        assertThat((Double) early.get("days_since_created")).isCloseTo(2.0 / 24, org.assertj.core.data.Offset.offset(0.001));

        Map<String, Object> later = FeatureFold.at(history, T0.plus(Duration.ofDays(10)), null);
        assertThat(later.get("source")).isEqualTo("referral");
        assertThat(later.get("budget_max")).isNull();
        assertThat(later.get("activities")).isEqualTo(2.0);
        assertThat(later.get("reassignments")).isEqualTo(1.0);
        assertThat(later.get("days_since_last_activity")).isEqualTo(9.0);
        assertThat(later.get("listing_matches")).isEqualTo(0.0);

        assertThat(FeatureFold.at(history, T0.plus(Duration.ofDays(50)), null).get("listing_matches")).isEqualTo(1.0);
        assertThat(FeatureFold.names()).containsAll(later.keySet());
    }

    @Test
    void aSlowReplyIsNotAFastOne() throws Exception {
        List<StoredEvent> history = List.of(
                event("lead.created", Duration.ZERO, "{\"source\":\"web\"}"),
                event("notification.delivered", Duration.ofHours(1), "{}"),
                event("notification.replied", Duration.ofHours(3), "{}"));
        Map<String, Object> f = FeatureFold.at(history, T0.plus(Duration.ofDays(1)), null);
        assertThat(f.get("replied_within_1h")).isEqualTo(0.0);
        assertThat(f.get("minutes_to_first_reply")).isEqualTo(120.0);
        assertThat(f.get("minutes_to_first_contact")).isEqualTo(60.0);
    }

    @Test
    void anAssignmentKnownBeforeTheLeadsCreationFoldsWithUnknownTimes() throws Exception {
        // topics are consumed independently: lead.assigned may be the only event stored so far
        List<StoredEvent> history = List.of(
                event("lead.assigned", Duration.ofSeconds(30), "{\"assignedAgentId\":\"agent-2\"}"),
                event("notification.delivered", Duration.ofMinutes(1), "{}"));
        Map<String, Object> f = FeatureFold.at(history, T0.plus(Duration.ofDays(1)), null);
        assertThat(f.get("days_since_created")).isNull();
        assertThat(f.get("days_since_last_activity")).isNull();
        assertThat(f.get("minutes_to_first_contact")).isNull();
        assertThat(f.get("assigned")).isEqualTo(1.0);
        assertThat(f.get("messages_delivered")).isEqualTo(1.0);
        assertThat(f.get("source")).isNull();
    }
}
