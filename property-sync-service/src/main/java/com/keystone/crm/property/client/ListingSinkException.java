package com.keystone.crm.property.client;

/** The caller's {@link ListingSink} threw a checked exception: the stream stopped; the cause is the sink's. */
public class ListingSinkException extends RuntimeException {
    public ListingSinkException(Throwable cause) {
        super("listing sink failed: " + cause.getMessage(), cause);
    }
}
