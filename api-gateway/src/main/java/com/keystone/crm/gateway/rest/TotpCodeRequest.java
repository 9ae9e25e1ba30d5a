package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

public record TotpCodeRequest(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
}
