package com.keystone.crm.platform.contracts;

import java.util.List;

/** A payload does not satisfy its event type's schema (or the event type is unknown). */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String eventType;
    private final transient List<String> errors;

    public InvalidEventException(String eventType, List<String> errors) {
        super("invalid " + (eventType == null ? "event" : "'" + eventType + "' event") + ": "
                + String.join("; ", errors == null ? List.of() : errors));
        this.eventType = eventType;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The event type the payload was validated as. */
    public String eventType() {
        return eventType;
    }

    /** The human-readable validation errors. */
    public List<String> errors() {
        return errors;
    }
}
