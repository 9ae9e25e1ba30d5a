package com.keystone.crm.notification.provider;

/**
 * The provider refused the recipient (invalid number 21211, unsubscribed 21610, hard bounce 5xx on RCPT): another
 * provider would fail the same way, so the request fails permanently without failing over.
 */
public class RecipientFault extends Exception {
    private final String code;
    private final boolean optedOut;

    public RecipientFault(String code, String message, boolean optedOut) {
        super(message);
        this.code = code;
        this.optedOut = optedOut;
    }

    public String code() {
        return code;
    }

    /** The provider says the recipient unsubscribed (e.g. Twilio 21610): the address goes on the suppression list. */
    public boolean optedOut() {
        return optedOut;
    }
}
