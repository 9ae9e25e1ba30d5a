package com.keystone.crm.notification.template.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A template version to save. */
public record TemplateRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,127}", message = "lower-case letters, digits, '.', '_', '-'; up to 128") String key,
        @NotNull @Pattern(regexp = "email|sms|push", message = "email, sms or push") String channel,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", message = "a BCP 47 language tag such as en or es-MX") String locale,
        @Size(max = 500) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "no control characters") String subject,
        @NotBlank @Size(max = 20000) String text,
        @Size(max = 100000) String html,
        @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}", message = "a variable name") String> variables) {
}
