package com.keystone.crm.notification.delivery.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A direct send. {@code requestId} is the idempotency key of the message; without one it is derived from the
 * Idempotency-Key header (or made up when there is none). A push goes to every registered device of
 * {@code to.userId}; its {@code subject} (or its template's) is the title, {@code body} the text.
 */
public record SendRequest(
        UUID requestId,
        @NotNull @Pattern(regexp = "email|sms|push", message = "email, sms or push") String channel,
        @NotNull @Pattern(regexp = "transactional|marketing", message = "transactional or marketing") String category,
        @NotNull @Valid To to,
        UUID leadId,
        @Size(min = 1, max = 128) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "a template key") String templateKey,
        @Size(max = 100) Map<String, Object> variables,
        @Size(max = 500) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "no control characters") String subject,
        @Size(min = 1, max = 20000) String body,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", message = "a BCP 47 language tag") String locale,
        Instant notBefore) {

    /** The recipient's address for the channel: email, phone, or the user whose devices get a push. */
    public record To(
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "an E.164 number such as +14155550123") String phone,
            @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "no control characters") String name,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}", message = "an IANA time zone") String timezone,
            @Size(min = 1, max = 128) @Pattern(regexp = "[^\\p{Cntrl}\\s]+", message = "a user id without spaces or control characters") String userId) {
    }
}
