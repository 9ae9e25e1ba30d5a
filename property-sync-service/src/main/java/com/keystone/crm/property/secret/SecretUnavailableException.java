package com.keystone.crm.property.secret;

/** A stored secret cannot be used: its master key is not configured here, or it does not decrypt. Never holds the secret. */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }
}
