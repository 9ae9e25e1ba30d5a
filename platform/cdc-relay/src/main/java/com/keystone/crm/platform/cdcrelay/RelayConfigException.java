package com.keystone.crm.platform.cdcrelay;

/** A configuration mistake the relay cannot start with (bad setting, unreadable connector file, unresolved placeholder). */
public final class RelayConfigException extends RuntimeException {

    public RelayConfigException(String message) {
        super(message);
    }

    public RelayConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
