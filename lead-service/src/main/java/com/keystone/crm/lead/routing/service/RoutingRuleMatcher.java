package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.routing.domain.RoutingRule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a routing rule matches a lead, and in words why. Every non-empty criterion must match; an empty one
 * matches every lead. A criterion on something the lead does not have (no type, no budget, no postal code) does
 * not match: a "300-600k" rule is not for leads whose budget nobody knows. Postal codes and cities together are
 * one area criterion: the lead's postal code or its city must be listed. Text compares case-insensitively.
 */
public final class RoutingRuleMatcher {
    private RoutingRuleMatcher() {
    }

    /** Empty if the rule does not match; else what matched, e.g. "source=zillow, type=buyer, price overlap". */
    public static Optional<String> match(RoutingRule rule, Lead lead) {
        List<String> matched = new ArrayList<>();
        if (rule.sources.length > 0) {
            if (lead.source == null || !contains(rule.sources, lead.source.wire(), RoutingRuleMatcher::text)) {
                return Optional.empty();
            }
            matched.add("source=" + lead.source.wire());
        }
        if (rule.leadTypes.length > 0) {
            if (lead.type == null || !contains(rule.leadTypes, lead.type.wire(), RoutingRuleMatcher::text)) {
                return Optional.empty();
            }
            matched.add("type=" + lead.type.wire());
        }
        if (rule.priceMin != null || rule.priceMax != null) {
            if (!priceOverlaps(rule, lead)) {
                return Optional.empty();
            }
            matched.add("price overlap (budget " + range(lead.budgetMin, lead.budgetMax) + " vs "
                    + range(rule.priceMin, rule.priceMax) + ")");
        }
        if (rule.postalCodes.length > 0 || rule.cities.length > 0) {
            if (lead.postalCode != null && contains(rule.postalCodes, lead.postalCode, RoutingRuleMatcher::postalCode)) {
                matched.add("postal code=" + lead.postalCode.trim());
            } else if (lead.city != null && contains(rule.cities, lead.city, RoutingRuleMatcher::text)) {
                matched.add("city=" + lead.city.trim());
            } else {
                return Optional.empty();
            }
        }
        if (rule.propertyTypes.length > 0) {
            if (lead.propertyType == null || !contains(rule.propertyTypes, lead.propertyType, RoutingRuleMatcher::text)) {
                return Optional.empty();
            }
            matched.add("property type=" + lead.propertyType.trim());
        }
        if (matched.isEmpty()) {
            return Optional.of(rule.catchAll ? "every lead (catch-all)" : "every lead (no criteria)");
        }
        return Optional.of(String.join(", ", matched));
    }

    /** Budget and price range overlap; an open end of either is unbounded, but the lead must have some budget. */
    static boolean priceOverlaps(RoutingRule rule, Lead lead) {
        if (lead.budgetMin == null && lead.budgetMax == null) {
            return false;
        }
        boolean leadStartsBelowRuleEnd = rule.priceMax == null || lead.budgetMin == null || lead.budgetMin.compareTo(rule.priceMax) <= 0;
        boolean ruleStartsBelowLeadEnd = rule.priceMin == null || lead.budgetMax == null || rule.priceMin.compareTo(lead.budgetMax) <= 0;
        return leadStartsBelowRuleEnd && ruleStartsBelowLeadEnd;
    }

    /** Case- and space-insensitive text: "  New   York " equals "new york". */
    public static String text(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Postal codes compare without any spaces: "K1A 0B1" equals "k1a0b1". */
    public static String postalCode(String s) {
        return s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String[] values, String value, java.util.function.UnaryOperator<String> normalise) {
        String wanted = normalise.apply(value);
        for (String v : values) {
            if (normalise.apply(v).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String range(BigDecimal min, BigDecimal max) {
        return plain(min) + "-" + plain(max);
    }

    private static String plain(BigDecimal v) {
        return v == null ? "any" : v.stripTrailingZeros().toPlainString();
    }
}
