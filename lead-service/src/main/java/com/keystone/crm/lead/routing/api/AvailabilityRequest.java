package com.keystone.crm.lead.routing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** The body of PUT /api/v1/agents/{userId}/availability: pause (optionally until an instant) or resume. */
public record AvailabilityRequest(@NotNull Boolean paused, @Future Instant until) {
    @JsonIgnore
    @AssertTrue(message = "until only applies to a pause")
    public boolean isUntilOnlyWhenPaused() {
        return until == null || Boolean.TRUE.equals(paused);
    }
}
