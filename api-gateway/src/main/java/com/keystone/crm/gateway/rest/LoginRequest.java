package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String password,
                           @Size(max = 10) String totpCode, @Size(max = 32) String recoveryCode) {
}
