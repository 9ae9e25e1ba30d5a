package com.keystone.crm.lead.lead.api;

import com.keystone.crm.lead.contact.ValidEmail;
import com.keystone.crm.lead.contact.ValidPhone;
import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The body of PATCH /api/v1/leads/{id}, a JSON merge patch (RFC 7396): a field that is present is set (null
 * clears it), an absent one is kept. Status and assignment have their own endpoints.
 */
public record LeadPatchRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 10) List<@NotNull @ValidEmail String> emails,
        @Size(max = 10) List<@NotNull @ValidPhone String> phones,
        LeadSource source,
        LeadType type,
        @Size(max = 100) String city,
        @Size(max = 20) String postalCode,
        @Size(max = 50) String propertyType,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal budgetMin,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal budgetMax,
        @Size(max = 20) List<@NotNull @Size(min = 1, max = 100) String> preferredAreas,
        Timeframe timeframe,
        @Size(max = 30) List<@NotNull @Size(min = 1, max = 50) String> tags,
        Consent consent,
        @Size(max = 64) String timezone) implements ProfileChecks {

    /** The fields a patch may name, as in this record. */
    public static final Set<String> FIELDS = Set.of("firstName", "lastName", "emails", "phones", "source", "type", "city",
            "postalCode", "propertyType", "budgetMin", "budgetMax", "preferredAreas", "timeframe", "tags", "consent",
            "timezone");
}
