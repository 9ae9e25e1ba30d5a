package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record PasswordChangeRequest(@NotBlank @Size(max = 200) String currentPassword,
                                    @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String newPassword) {
}
