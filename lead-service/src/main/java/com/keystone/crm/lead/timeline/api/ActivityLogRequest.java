package com.keystone.crm.lead.timeline.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;

/**
 * The body of POST /api/v1/leads/{id}/activities: something an agent did with the lead outside the system (a call,
 * an email from their own mailbox, a showing). The channel defaults from the type; occurredAt defaults to now.
 */
public record ActivityLogRequest(
        @NotNull @Pattern(regexp = "^(call-logged|email-sent|sms-sent|property-viewed|meeting|other)$",
                message = "must be one of call-logged, email-sent, sms-sent, property-viewed, meeting, other")
        String type,
        @Pattern(regexp = "^(sms|email|push|call|web|in-person|other)$",
                message = "must be one of sms, email, push, call, web, in-person, other")
        String channel,
        @NotBlank @Size(max = 500) String summary,
        @PastOrPresent Instant occurredAt) {

    /** Phones' clocks drift: an instant this little ahead of ours is taken as now, not refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public ActivityLogRequest {
        Instant now = Instant.now();
        if (occurredAt != null && occurredAt.isAfter(now) && !occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            occurredAt = now;
        }
    }

    /** The channel the app named, or the one the type implies. */
    public String channelOrDefault() {
        if (channel != null) {
            return channel;
        }
        return switch (type) {
            case "call-logged" -> "call";
            case "email-sent" -> "email";
            case "sms-sent" -> "sms";
            case "property-viewed", "meeting" -> "in-person";
            default -> "other";
        };
    }
}
