package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.util.Set;

public record RolesRequest(@NotEmpty Set<@NotBlank String> roles) {
}
