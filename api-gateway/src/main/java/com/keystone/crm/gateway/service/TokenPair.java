package com.keystone.crm.gateway.service;

/** What a login or refresh answers. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
}
