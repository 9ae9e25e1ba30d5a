package com.keystone.crm.platform.topics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one provisioning run did, per topic: created, altered (with each change as {@code key: old -> new}),
 * unchanged, and drift it could not fix.
 *
 * @param created   topics that did not exist and were created
 * @param altered   topics whose partitions were increased or configs changed: topic to its changes
 * @param unchanged topics that already matched
 * @param drift     differences left as they are (also listed topics may be altered or unchanged otherwise)
 */
public record ProvisioningReport(List<String> created, Map<String, List<String>> altered, List<String> unchanged,
                                 List<TopicDrift> drift) {

    public ProvisioningReport {
        created = List.copyOf(created);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        altered.forEach((topic, changes) -> copy.put(topic, List.copyOf(changes)));
        altered = Collections.unmodifiableMap(copy);
        unchanged = List.copyOf(unchanged);
        drift = List.copyOf(drift);
    }

    public boolean hasDrift() {
        return !drift.isEmpty();
    }

    /** True when the run created and altered nothing (a second run over an unchanged catalogue). */
    public boolean changedNothing() {
        return created.isEmpty() && altered.isEmpty();
    }

    /** A few lines for a log or a job's output. */
    public String toText() {
        List<String> lines = new ArrayList<>();
        lines.add("topics: " + created.size() + " created, " + altered.size() + " altered, " + unchanged.size()
                + " unchanged, " + drift.size() + " drift");
        created.forEach(topic -> lines.add("  created   " + topic));
        altered.forEach((topic, changes) -> lines.add("  altered   " + topic + ": " + String.join(", ", changes)));
        drift.forEach(d -> lines.add("  DRIFT     " + d));
        return String.join(System.lineSeparator(), lines);
    }
}
