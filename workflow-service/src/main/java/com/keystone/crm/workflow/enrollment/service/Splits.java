package com.keystone.crm.workflow.enrollment.service;

import com.google.common.hash.Hashing;
import com.keystone.crm.workflow.definition.domain.Definition;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A/B splits, sticky per lead: the variant is a pure function of (workflow, step, lead) through a stable hash
 * (Murmur3, Guava), so a lead who enrolls again, or whose step is retried, lands in the same variant, and the weights
 * hold over many leads.
 */
final class Splits {
    private Splits() {
    }

    static Definition.Variant choose(UUID workflowId, Definition.Step split, UUID leadId) {
        int total = split.variants().stream().mapToInt(Definition.Variant::weight).sum();
        long hash = Hashing.murmur3_128().hashString(workflowId + "/" + split.id() + "/" + leadId, StandardCharsets.UTF_8)
                .asLong();
        long point = Math.floorMod(hash, (long) total);
        long upTo = 0;
        for (Definition.Variant v : split.variants()) {
            upTo += v.weight();
            if (point < upTo) {
                return v;
            }
        }
        return split.variants().get(split.variants().size() - 1);
    }
}
