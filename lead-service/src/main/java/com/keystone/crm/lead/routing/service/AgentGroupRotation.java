package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.routing.domain.AgentGroupMember;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whose turn it is in a group. Pure logic over the members (in rotation order) and who is available; the caller
 * holds the group's row lock and saves the state this changes (the round-robin cursor, the members' running
 * weights), so turns are handed out one at a time even when leads arrive together.
 */
public final class AgentGroupRotation {
    private AgentGroupRotation() {
    }

    /** The chosen member (if anyone was available) and the members passed over because they were not. */
    public record Turn(Optional<AgentGroupMember> chosen, List<AgentGroupMember> skipped) {
    }

    /**
     * Plain round robin: the first available member after the one who got the last lead, wrapping around. A
     * member who is away loses their turns while away and rejoins in place. If the last one has left the group,
     * the rotation starts again from the top.
     */
    public static Turn roundRobin(List<AgentGroupMember> members, String lastAgentId, Predicate<String> available) {
        int last = -1;
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).userId.equals(lastAgentId)) {
                last = i;
            }
        }
        List<AgentGroupMember> skipped = new ArrayList<>();
        for (int step = 1; step <= members.size(); step++) {
            AgentGroupMember m = members.get((last + step) % members.size());
            if (available.test(m.userId)) {
                return new Turn(Optional.of(m), skipped);
            }
            skipped.add(m);
        }
        return new Turn(Optional.empty(), skipped);
    }

    /**
     * Smooth weighted round robin (nginx's): every available member's running weight grows by its weight, the
     * largest takes the lead (the earlier member on a tie) and gives back the sum of the weights. Over any
     * sum-of-weights leads each member gets exactly its weight's share, interleaved rather than in bursts
     * (weights 1 and 2 give B A B B A B ...). Members who are away keep their running weight untouched.
     */
    public static Turn smoothWeighted(List<AgentGroupMember> members, Predicate<String> available) {
        List<AgentGroupMember> skipped = new ArrayList<>();
        AgentGroupMember best = null;
        long total = 0;
        for (AgentGroupMember m : members) {
            if (!available.test(m.userId)) {
                skipped.add(m);
                continue;
            }
            m.currentWeight += m.weight;
            total += m.weight;
            if (best == null || m.currentWeight > best.currentWeight) {
                best = m;
            }
        }
        if (best == null) {
            return new Turn(Optional.empty(), skipped);
        }
        best.currentWeight -= total;
        return new Turn(Optional.of(best), skipped);
    }
}
