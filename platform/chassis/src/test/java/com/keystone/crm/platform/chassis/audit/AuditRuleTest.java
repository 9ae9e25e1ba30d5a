package com.keystone.crm.platform.chassis.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditRuleTest {

    @Test
    void matchesMethodAndTemplateAndNamesTheTarget() {
        AuditRule rule = AuditRule.parse("lead.reassigned POST /api/v1/leads/{id}/assignment");
        assertThat(rule.match("POST", "/api/v1/leads/abc/assignment", "application/json")).isEqualTo("abc");
        assertThat(rule.match("POST", "/api/v1/leads/abc/assignments", null)).isNull();
        assertThat(rule.match("GET", "/api/v1/leads/abc/assignment", null)).isNull();
        assertThat(rule.match("POST", "/api/v1/leads/abc", null)).isNull();
        assertThat(AuditRule.parse("lead.imported post /api/v1/lead-imports").match("POST", "/api/v1/lead-imports/", null))
                .isEmpty();
    }

    @Test
    void aMediaTypeNarrowsTheRule() {
        AuditRule rule = AuditRule.parse("import.errors-exported GET /api/v1/lead-imports/{id}/errors text/csv");
        assertThat(rule.match("GET", "/api/v1/lead-imports/j1/errors", "text/csv;charset=UTF-8")).isEqualTo("j1");
        assertThat(rule.match("GET", "/api/v1/lead-imports/j1/errors", "application/json")).isNull();
        assertThat(rule.match("GET", "/api/v1/lead-imports/j1/errors", null)).isNull();
    }

    @Test
    void malformedRulesAreRefusedAtStart() {
        assertThatThrownBy(() -> AuditRule.parse("lead.deleted DELETE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRule.parse("lead.deleted DELETE leads/{id}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRule.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRule.parse("a B /c d e")).isInstanceOf(IllegalArgumentException.class);
    }
}
