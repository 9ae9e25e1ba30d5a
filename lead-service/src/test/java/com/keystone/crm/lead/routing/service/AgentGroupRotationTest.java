package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.routing.domain.AgentGroupMember;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation rules on their own: plain and smooth weighted round robin, with members away. */
class AgentGroupRotationTest {

    @Test
    void roundRobinGoesToTheNextAvailableMemberAndWraps() {
        List<AgentGroupMember> members = members("ann:1", "bob:1", "cy:1");
        assertThat(pick(AgentGroupRotation.roundRobin(members, null, id -> true))).isEqualTo("ann");
        assertThat(pick(AgentGroupRotation.roundRobin(members, "ann", id -> true))).isEqualTo("bob");
        assertThat(pick(AgentGroupRotation.roundRobin(members, "cy", id -> true))).isEqualTo("ann");
        // the last one left the group: start again from the top
        assertThat(pick(AgentGroupRotation.roundRobin(members, "gone", id -> true))).isEqualTo("ann");

        AgentGroupRotation.Turn turn = AgentGroupRotation.roundRobin(members, "ann", id -> !id.equals("bob"));
        assertThat(pick(turn)).isEqualTo("cy");
        assertThat(turn.skipped()).extracting(m -> m.userId).containsExactly("bob");

        AgentGroupRotation.Turn nobody = AgentGroupRotation.roundRobin(members, "ann", id -> false);
        assertThat(nobody.chosen()).isEmpty();
        assertThat(nobody.skipped()).extracting(m -> m.userId).containsExactly("bob", "cy", "ann");
    }

    @Test
    void smoothWeightedGivesEachItsShareWithoutBursts() {
        List<AgentGroupMember> members = members("a:5", "b:1", "c:1");
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seq.add(pick(AgentGroupRotation.smoothWeighted(members, id -> true)));
        }
        // nginx's documented sequence for weights 5, 1, 1
        assertThat(seq).containsExactly("a", "a", "b", "a", "c", "a", "a");
        assertThat(members).allSatisfy(m -> assertThat(m.currentWeight).isZero());
    }

    @Test
    void smoothWeightedLeavesMembersWhoAreAwayUntouched() {
        List<AgentGroupMember> members = members("a:1", "b:2", "c:3");
        Set<String> away = Set.of("c");
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AgentGroupRotation.Turn turn = AgentGroupRotation.smoothWeighted(members, id -> !away.contains(id));
            assertThat(turn.skipped()).extracting(m -> m.userId).containsExactly("c");
            seq.add(pick(turn));
        }
        assertThat(seq).filteredOn("a"::equals).hasSize(2);
        assertThat(seq).filteredOn("b"::equals).hasSize(4);
        assertThat(members.get(2).currentWeight).isZero();
        assertThat(AgentGroupRotation.smoothWeighted(members, id -> false).chosen()).isEmpty();
    }

    private static String pick(AgentGroupRotation.Turn turn) {
        return turn.chosen().orElseThrow().userId;
    }

    private static List<AgentGroupMember> members(String... specs) {
        List<AgentGroupMember> out = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split(":");
            AgentGroupMember m = new AgentGroupMember();
            m.id = UUID.randomUUID();
            m.userId = p[0];
            m.weight = Integer.parseInt(p[1]);
            m.position = out.size();
            out.add(m);
        }
        return out;
    }
}
