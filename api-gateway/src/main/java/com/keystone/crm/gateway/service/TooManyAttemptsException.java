package com.keystone.crm.gateway.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.time.Duration;

/** 429 with the seconds to wait, for Retry-After. */
public class TooManyAttemptsException extends ProblemException {
    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration wait) {
        super(Problem.of("too-many-requests", "Too Many Requests", 429, "Too many attempts; retry later"));
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
