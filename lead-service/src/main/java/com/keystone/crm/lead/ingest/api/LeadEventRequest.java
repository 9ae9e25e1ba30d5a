package com.keystone.crm.lead.ingest.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.contact.ValidEmail;
import com.keystone.crm.lead.contact.ValidPhone;
import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.api.ProfileChecks;
import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An inquiry from a lead source (web form, portal, open-house sign-in): the contact and what they asked.
 * POST /api/v1/lead-events.
 */
public record LeadEventRequest(
        @NotNull LeadSource source,
        @Size(max = 200) String externalId,
        @PastOrPresent Instant occurredAt,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @ValidEmail String email,
        @ValidPhone String phone,
        @Size(max = 10) List<@NotNull @ValidEmail String> emails,
        @Size(max = 10) List<@NotNull @ValidPhone String> phones,
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
        @Size(max = 64) String timezone,
        @Size(max = 5000) String message,
        @Size(max = 128) String listingKey,
        @Size(max = 300) String propertyAddress) implements ProfileChecks {

    @JsonIgnore
    @AssertTrue(message = "an inquiry needs an email or a phone to reach the contact")
    public boolean isReachable() {
        return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank())
                || (emails != null && !emails.isEmpty()) || (phones != null && !phones.isEmpty());
    }

    public LeadProfile profile() {
        return new LeadProfile(firstName, lastName, LeadProfile.join(email, emails), LeadProfile.join(phone, phones),
                type, city, postalCode, propertyType, budgetMin, budgetMax, preferredAreas, timeframe, tags, consent, timezone);
    }
}
