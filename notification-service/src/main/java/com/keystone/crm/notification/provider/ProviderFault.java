package com.keystone.crm.notification.provider;

/**
 * The provider could not take the message (down, timeout before sending, 5xx, 429, open breaker, bad credentials):
 * nothing was sent, so the next provider of the chain may try.
 */
public class ProviderFault extends Exception {
    private final String code;

    public ProviderFault(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
