package com.keystone.crm.lead.lead.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;

import java.math.BigDecimal;

/**
 * The cross-field checks every request carrying a lead profile shares (create, patch, ingestion); Bean Validation
 * reports them as the fields {@code timezoneValid} and {@code budgetOrdered}.
 */
public interface ProfileChecks {
    String timezone();

    BigDecimal budgetMin();

    BigDecimal budgetMax();

    @JsonIgnore
    @AssertTrue(message = "must be an IANA time zone such as America/Denver")
    default boolean isTimezoneValid() {
        return LeadProfile.isZone(timezone());
    }

    @JsonIgnore
    @AssertTrue(message = "budgetMin must not exceed budgetMax")
    default boolean isBudgetOrdered() {
        return budgetMin() == null || budgetMax() == null || budgetMin().compareTo(budgetMax()) <= 0;
    }
}
