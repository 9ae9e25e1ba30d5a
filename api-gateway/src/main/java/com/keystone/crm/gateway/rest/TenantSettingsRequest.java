package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.NotNull;

public record TenantSettingsRequest(@NotNull Boolean adminTotpRequired) {
}
