package com.keystone.crm.lead.lead.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.contact.ValidEmail;
import com.keystone.crm.lead.contact.ValidPhone;
import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of POST /api/v1/leads. {@code email}/{@code phone} and the {@code emails}/{@code phones} lists are
 * merged (the singular one first, it becomes the primary); emails are trimmed and lower-cased and phones
 * normalised to E.164 by the service, which reports each invalid one by its field.
 */
public record CreateLeadRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @ValidEmail String email,
        @ValidPhone String phone,
        @Size(max = 10) List<@NotNull @ValidEmail String> emails,
        @Size(max = 10) List<@NotNull @ValidPhone String> phones,
        @NotNull LeadSource source,
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
        @Size(max = 64) String assignedAgentId,
        @Size(max = 64) String timezone) implements ProfileChecks {

    @JsonIgnore
    @AssertTrue(message = "a lead needs a name, an email or a phone")
    public boolean isIdentifiable() {
        return notBlank(firstName) || notBlank(lastName) || notBlank(email) || notBlank(phone)
                || (emails != null && !emails.isEmpty()) || (phones != null && !phones.isEmpty());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The profile part, for the normaliser shared with updates, ingestion and import. */
    public LeadProfile profile() {
        return new LeadProfile(firstName, lastName, LeadProfile.join(email, emails), LeadProfile.join(phone, phones),
                type, city, postalCode, propertyType, budgetMin, budgetMax, preferredAreas, timeframe, tags, consent, timezone);
    }
}
