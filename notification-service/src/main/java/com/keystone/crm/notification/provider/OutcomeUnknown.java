package com.keystone.crm.notification.provider;

/**
 * The request may have reached the provider but no answer came back (read timeout, connection reset after
 * sending): the attempt stays pending and is reconciled with the provider before anything else is tried.
 */
public class OutcomeUnknown extends Exception {
    public OutcomeUnknown(String message, Throwable cause) {
        super(message, cause);
    }
}
