package com.keystone.crm.scoring.feature.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code agent_load} feature: how many leads were assigned ({@code lead.assigned}) to the lead's agent in the
 * window before the cutoff, i.e. with occurredAt in (cutoff − window, cutoff]. An agent who was handed many leads
 * lately answers each of them later, which matters for conversion.
 *
 * <p>An instance holds one tenant's assignments, read once, so that the feature of many leads at many cutoffs
 * (event-based training, drift) costs no query per lead: per agent its assignment times, sorted, so a window is two
 * binary searches. Serving counts the same window with one indexed query instead
 * ({@code LeadEventRepository.assignmentsOf}).
 */
public final class AgentLoad {
    private static final Instant[] NONE = new Instant[0];

    private final Duration window;
    private final Map<String, Instant[]> byAgent;

    private AgentLoad(Duration window, Map<String, Instant[]> byAgent) {
        this.window = window;
        this.byAgent = byAgent;
    }

    /** One assignment of a lead to an agent. */
    public record Assignment(String agentId, Instant occurredAt) {
    }

    /**
     * The counter over these assignments (one tenant's, in any order). Counts are right for cutoffs whose window
     * the assignments cover: read them from (first cutoff − window) to the last cutoff.
     */
    public static AgentLoad of(Collection<Assignment> assignments, Duration window) {
        Map<String, List<Instant>> lists = new HashMap<>();
        for (Assignment a : assignments) {
            if (a.agentId() != null) {
                lists.computeIfAbsent(a.agentId(), k -> new ArrayList<>()).add(a.occurredAt());
            }
        }
        Map<String, Instant[]> sorted = new HashMap<>(lists.size() * 2);
        lists.forEach((agent, times) -> {
            Instant[] array = times.toArray(NONE);
            Arrays.sort(array);
            sorted.put(agent, array);
        });
        return new AgentLoad(window, sorted);
    }

    /** Where the window before {@code cutoff} starts (exclusive). */
    public static Instant windowStart(Instant cutoff, Duration window) {
        return cutoff.minus(window);
    }

    /**
     * The assignments of {@code agentId} in (cutoff − window, cutoff]; null when the lead has no agent at the cutoff
     * (a missing value, not an idle agent).
     */
    public Integer at(String agentId, Instant cutoff) {
        if (agentId == null) {
            return null;
        }
        Instant[] times = byAgent.getOrDefault(agentId, NONE);
        return upTo(times, cutoff) - upTo(times, windowStart(cutoff, window));
    }

    /** How many of the sorted {@code times} are at or before {@code t} (the first index after them). */
    private static int upTo(Instant[] times, Instant t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid].isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
