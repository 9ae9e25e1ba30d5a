package com.keystone.crm.gateway.rest;

import jakarta.validation.constraints.Size;

/** The refresh token whose family ends with this session; optional. */
public record LogoutRequest(@Size(max = 200) String refreshToken) {
}
