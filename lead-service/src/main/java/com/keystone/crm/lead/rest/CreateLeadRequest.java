package com.keystone.crm.lead.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.domain.LeadSource;
import com.keystone.crm.lead.domain.LeadType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.ZoneId;

/** The body of POST /api/v1/leads. */
public record CreateLeadRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be an E.164 number such as +14155550100") String phone,
        @NotNull LeadSource source,
        LeadType type,
        @Size(max = 64) String assignedAgentId,
        @Size(max = 64) String timezone) {

    /** Emails arrive with stray spaces from forms and portals; they are compared trimmed and lower-cased. */
    public CreateLeadRequest {
        email = email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonIgnore
    @AssertTrue(message = "a lead needs a name, an email or a phone")
    public boolean isIdentifiable() {
        return notBlank(firstName) || notBlank(lastName) || notBlank(email) || notBlank(phone);
    }

    @JsonIgnore
    @AssertTrue(message = "must be an IANA time zone such as America/Denver")
    public boolean isTimezoneValid() {
        if (timezone == null) {
            return true;
        }
        try {
            ZoneId.of(timezone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
