package com.keystone.crm.notification.consent.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Messages whose real send times a caller wants to know (at most 100 at once); a message to a lead may name the lead
 * instead of (or besides) a phone and zone.
 */
public record SendTimesRequest(@NotNull @Size(min = 1, max = 100) List<@Valid @NotNull Item> items) {

    public record Item(
            @NotNull @Pattern(regexp = "email|sms|push", message = "email, sms or push") String channel,
            @NotNull @Pattern(regexp = "transactional|marketing", message = "transactional or marketing") String category,
            @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "an E.164 number such as +14155550123") String phone,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}", message = "an IANA time zone") String timezone,
            UUID leadId,
            @NotNull Instant at) {
    }
}
