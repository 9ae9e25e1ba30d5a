package com.keystone.crm.platform.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value that parsed but is refused by the platform's input rules (control characters, dates or numbers out
 * of range). A {@link JsonMappingException}, so Jackson prepends the field path as it unwinds; the problem mappers
 * answer 400 naming that field with {@link #reason()}.
 */
public class RejectedValueException extends JsonMappingException {
    private final String reason;

    public RejectedValueException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
