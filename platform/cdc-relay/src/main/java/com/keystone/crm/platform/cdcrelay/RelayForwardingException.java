package com.keystone.crm.platform.cdcrelay;

/**
 * A batch could not be written to Kafka. Deliberately not a Connect {@code RetriableException}: the engine must stop
 * (and the relay restart it from the last committed offset) rather than poll on past the records that were not
 * acknowledged.
 */
public final class RelayForwardingException extends RuntimeException {

    public RelayForwardingException(String message, Throwable cause) {
        super(message, cause);
    }
}
