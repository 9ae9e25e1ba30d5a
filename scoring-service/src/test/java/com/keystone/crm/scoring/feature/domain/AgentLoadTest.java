package com.keystone.crm.scoring.feature.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** agent_load: the lead's agent at the cutoff, and that agent's assignments in (cutoff − window, cutoff]. */
class AgentLoadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant CUTOFF = Instant.parse("2025-06-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofDays(30);

    static AgentLoad.Assignment to(String agent, Instant at) {
        return new AgentLoad.Assignment(agent, at);
    }

    static StoredEvent event(String type, Instant at, String json) throws Exception {
        return new StoredEvent(type, at, JSON.readTree(json));
    }

    @Test
    void theWindowIncludesTheCutoffAndExcludesItsStart() {
        Instant start = CUTOFF.minus(WINDOW);
        AgentLoad loads = AgentLoad.of(List.of(
                to("agent-a", CUTOFF),                          // exactly at the cutoff: counts
                to("agent-a", start),                           // exactly cutoff − window: does not
                to("agent-a", start.plusNanos(1000)),           // just inside
                to("agent-a", CUTOFF.plusNanos(1000)),          // just after the cutoff: not yet known
                to("agent-a", CUTOFF.minus(Duration.ofDays(3))),
                to("agent-a", CUTOFF.minus(Duration.ofDays(3))), // two leads at the same instant: both
                to("agent-b", CUTOFF.minus(Duration.ofDays(1))), // another agent's
                to(null, CUTOFF.minus(Duration.ofDays(1)))),     // a payload without an agent: nobody's
                WINDOW);

        assertThat(loads.at("agent-a", CUTOFF)).isEqualTo(4);
        assertThat(loads.at("agent-b", CUTOFF)).isEqualTo(1);
        assertThat(loads.at("agent-c", CUTOFF)).isZero();
        assertThat(loads.at(null, CUTOFF)).isNull();
        // the same assignments at other cutoffs (training: many cutoffs, one read)
        assertThat(loads.at("agent-a", start)).isEqualTo(1);
        assertThat(loads.at("agent-a", CUTOFF.plus(WINDOW))).isEqualTo(1);
        assertThat(loads.at("agent-a", CUTOFF.plus(WINDOW).plusNanos(1000))).isZero();
    }

    @Test
    void theAgentIsTheOneAssignedAtTheCutoff() throws Exception {
        Instant t0 = CUTOFF.minus(Duration.ofDays(10));
        List<StoredEvent> history = List.of(
                event("lead.created", t0, "{\"source\":\"web\",\"assignedAgentId\":\"agent-a\"}"),
                event("lead.assigned", t0.plus(Duration.ofDays(2)), "{\"assignedAgentId\":\"agent-b\",\"previousAgentId\":\"agent-a\"}"),
                event("lead.status-changed", t0.plus(Duration.ofDays(4)), "{\"toStatus\":\"contacted\",\"assignedAgentId\":null}"),
                event("lead.updated", t0.plus(Duration.ofDays(6)), "{\"assignedAgentId\":\"agent-c\"}"),
                event("lead.updated", t0.plus(Duration.ofDays(7)), "{\"source\":\"referral\"}"));

        assertThat(FeatureFold.agentAt(history, t0.minusSeconds(1))).isNull();
        assertThat(FeatureFold.agentAt(history, t0)).isEqualTo("agent-a");
        // reassigned: the load is the new agent's
        assertThat(FeatureFold.agentAt(history, t0.plus(Duration.ofDays(2)))).isEqualTo("agent-b");
        // unassigned by a status change that carries the field
        assertThat(FeatureFold.agentAt(history, t0.plus(Duration.ofDays(5)))).isNull();
        // an update naming an agent assigns; one without the field leaves the agent as it was
        assertThat(FeatureFold.agentAt(history, CUTOFF)).isEqualTo("agent-c");
    }

    @Test
    void theFoldCarriesTheLoadOnlyWhenTheLeadHasAnAgent() throws Exception {
        Instant t0 = CUTOFF.minus(Duration.ofDays(10));
        List<StoredEvent> unassigned = List.of(event("lead.created", t0, "{\"source\":\"web\",\"assignedAgentId\":null}"));
        Map<String, Object> none = FeatureFold.at(unassigned, CUTOFF, 7);
        assertThat(none).containsEntry("agent_load", null).containsEntry("assigned", 0.0);

        List<StoredEvent> assigned = List.of(
                event("lead.created", t0, "{\"source\":\"web\"}"),
                event("lead.assigned", t0.plusSeconds(60), "{\"assignedAgentId\":\"agent-a\"}"));
        Map<String, Object> f = FeatureFold.at(assigned, CUTOFF, 3);
        assertThat(f).containsEntry("agent_load", 3.0).containsEntry("assigned", 1.0).containsEntry("reassignments", 0.0);
        // the agent's id is never a feature, only its load
        assertThat(f.values()).doesNotContain("agent-a");
        assertThat(FeatureFold.names()).contains("agent_load").containsAll(f.keySet());
        // the load unknown (nothing counted it): missing
        assertThat(FeatureFold.at(assigned, CUTOFF, null)).containsEntry("agent_load", null);
    }
}
