package com.keystone.crm.platform.chassis.cloudevents;

/** A record that is not a valid platform event: retrying cannot help, it goes to the dead-letter topic. */
public class MalformedCloudEventException extends RuntimeException {
    public MalformedCloudEventException(String message) {
        super(message);
    }

    public MalformedCloudEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
