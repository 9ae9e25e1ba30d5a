package com.keystone.crm.workflow.simulation.service;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** A made-up lead for a dry run (instead of a lead id): what conditions, waits and sends read. */
public record SimulatedLead(
        @Pattern(regexp = "new|attempted-contact|contacted|appointment-set|active-client|under-contract|closed-won|lost|archived")
        String status,
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*") String source,
        @Size(max = 50) List<@Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*") String> tags,
        @DecimalMin("0") @DecimalMax("100") Double score,
        @Pattern(regexp = "hot|warm|cool|cold") String tier,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_+/-]*") String timeZone,
        @Size(max = 128) @Pattern(regexp = "[^\\p{Cntrl}]*") String assignedAgentId,
        @Size(max = 4) Map<@Pattern(regexp = "email|sms|push|call") String, Boolean> consent,
        @Size(max = 20) Map<@Size(max = 64) String, Object> fields) {
}
