package com.keystone.crm.gateway.security;

/** An access token that is not one of ours, not valid now, or revoked. The message is for logs, never for callers. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
