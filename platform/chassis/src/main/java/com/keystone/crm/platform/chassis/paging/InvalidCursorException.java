package com.keystone.crm.platform.chassis.paging;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.util.List;

/** A cursor this list did not give out (garbled, forged, or from another list or sort): 400 naming {@code cursor}. */
public class InvalidCursorException extends ProblemException {
    public static final String FIELD = "cursor";
    public static final String MESSAGE = "is not a cursor this list returned";

    InvalidCursorException() {
        super(Problem.of("invalid-cursor", "Bad Request", 400, "cursor " + MESSAGE)
                .withErrors(List.of(fieldError())));
    }

    static InvalidCursorException foreign() {
        return new InvalidCursorException();
    }

    /** The field error, for list endpoints that report every bad query parameter in one validation problem. */
    public static Problem.FieldError fieldError() {
        return new Problem.FieldError(FIELD, MESSAGE);
    }
}
