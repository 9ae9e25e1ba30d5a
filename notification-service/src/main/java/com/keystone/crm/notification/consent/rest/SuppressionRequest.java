package com.keystone.crm.notification.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An address to suppress by hand. */
public record SuppressionRequest(
        @NotNull @Pattern(regexp = "email|sms|push", message = "email, sms or push (address: the user id)") String channel,
        @NotBlank @Size(max = 320) @Pattern(regexp = "[^\\p{Cntrl}\\s]+", message = "an address without spaces or control characters") String address,
        @NotNull @Pattern(regexp = "marketing|all", message = "marketing or all") String purpose) {
}
