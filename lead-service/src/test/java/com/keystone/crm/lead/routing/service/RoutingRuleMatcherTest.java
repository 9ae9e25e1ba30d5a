package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.routing.domain.RoutingRule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule criteria on their own: empty matches all, overlap of price ranges, area and text comparisons. */
class RoutingRuleMatcherTest {

    @Test
    void anEmptyRuleMatchesEveryLead() {
        assertThat(RoutingRuleMatcher.match(new RoutingRule(), lead())).contains("every lead (no criteria)");
        RoutingRule catchAll = new RoutingRule();
        catchAll.catchAll = true;
        assertThat(RoutingRuleMatcher.match(catchAll, lead())).contains("every lead (catch-all)");
    }

    @Test
    void sourceAndTypeMustBeListed() {
        RoutingRule rule = new RoutingRule();
        rule.sources = new String[]{"zillow", "realtor-com"};
        rule.leadTypes = new String[]{"buyer"};
        Lead lead = lead();
        assertThat(RoutingRuleMatcher.match(rule, lead)).contains("source=zillow, type=buyer");
        lead.type = null;
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
        lead.type = LeadType.SELLER;
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
        lead.type = LeadType.BUYER;
        lead.source = LeadSource.WEBSITE;
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
    }

    @Test
    void priceRangesOverlapWithOpenEnds() {
        RoutingRule rule = new RoutingRule();
        rule.priceMin = new BigDecimal("300000");
        rule.priceMax = new BigDecimal("600000");
        assertThat(overlaps(rule, "350000", "500000")).isTrue();
        assertThat(overlaps(rule, "100000", "300000")).isTrue();
        assertThat(overlaps(rule, "600000", "900000")).isTrue();
        assertThat(overlaps(rule, "600000.01", "900000")).isFalse();
        assertThat(overlaps(rule, "100000", "299999")).isFalse();
        assertThat(overlaps(rule, null, "250000")).isFalse();
        assertThat(overlaps(rule, null, "400000")).isTrue();
        assertThat(overlaps(rule, "650000", null)).isFalse();
        assertThat(overlaps(rule, "500000", null)).isTrue();
        // nobody knows the budget: a price rule is not for this lead
        assertThat(overlaps(rule, null, null)).isFalse();
        rule.priceMax = null;
        assertThat(overlaps(rule, "5000000", "9000000")).isTrue();
        assertThat(RoutingRuleMatcher.match(rule, budget(lead(), "5000000", null)))
                .contains("price overlap (budget 5000000-any vs 300000-any)");
    }

    @Test
    void postalCodesAndCitiesAreOneAreaCriterion() {
        RoutingRule rule = new RoutingRule();
        rule.postalCodes = new String[]{"K1A 0B1", "80202"};
        rule.cities = new String[]{"New York"};
        Lead lead = lead();
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
        lead.postalCode = "k1a0b1";
        assertThat(RoutingRuleMatcher.match(rule, lead)).contains("postal code=k1a0b1");
        lead.postalCode = "10001";
        lead.city = "  new   york ";
        assertThat(RoutingRuleMatcher.match(rule, lead)).contains("city=new   york");
        lead.city = "Boston";
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
    }

    @Test
    void propertyTypeComparesCaseInsensitively() {
        RoutingRule rule = new RoutingRule();
        rule.propertyTypes = new String[]{"Condo", "Townhouse"};
        Lead lead = lead();
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
        lead.propertyType = "CONDO";
        assertThat(RoutingRuleMatcher.match(rule, lead)).contains("property type=CONDO");
        lead.propertyType = "land";
        assertThat(RoutingRuleMatcher.match(rule, lead)).isEmpty();
    }

    private static boolean overlaps(RoutingRule rule, String min, String max) {
        return RoutingRuleMatcher.priceOverlaps(rule, budget(lead(), min, max));
    }

    private static Lead budget(Lead lead, String min, String max) {
        lead.budgetMin = min == null ? null : new BigDecimal(min);
        lead.budgetMax = max == null ? null : new BigDecimal(max);
        return lead;
    }

    private static Lead lead() {
        Lead lead = new Lead();
        lead.source = LeadSource.ZILLOW;
        lead.type = LeadType.BUYER;
        return lead;
    }
}
