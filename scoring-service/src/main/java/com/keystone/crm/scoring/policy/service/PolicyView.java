package com.keystone.crm.scoring.policy.service;

import com.keystone.crm.scoring.policy.domain.ScoringPolicy;

/** A tenant's policy and its version (0: the defaults, never edited). */
public record PolicyView(ScoringPolicy policy, long version) {
    public String etag() {
        return "\"policy-" + version + "\"";
    }
}
