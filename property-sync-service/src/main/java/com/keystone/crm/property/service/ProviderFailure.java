package com.keystone.crm.property.service;

import com.keystone.crm.property.client.MlsException;

import java.time.Duration;

/**
 * How the photo queue's work (photo copies, media lists) records a failed provider call: a throttled or suspended
 * provider is waited for without counting an attempt; anything else counts one and backs off exponentially.
 *
 * @param countAttempt whether the failure uses up an attempt
 * @param code         the HTTP status, RETS reply code or failure kind
 * @param kind         the failure kind
 * @param message      the server's message, else the exception's
 */
record ProviderFailure(boolean countAttempt, String code, String kind, String message) {

    static ProviderFailure of(MlsException e) {
        boolean throttled = e.kind() == MlsException.Kind.RATE_LIMITED || e.kind() == MlsException.Kind.SUSPENDED;
        String code = e.httpStatus() != null ? e.httpStatus().toString()
                : e.retsReplyCode() != null ? e.retsReplyCode().toString() : e.kind().name();
        return new ProviderFailure(!throttled, code, e.kind().name(), e.serverMessage() != null ? e.serverMessage() : e.getMessage());
    }

    /** When to try again after {@code attempts} earlier attempts: 2, 4, 8 ... s (at most 1,024 s); a throttled provider: a minute. */
    static Duration retryDelay(boolean countAttempt, int attempts) {
        return countAttempt ? Duration.ofSeconds(1L << Math.min(10, attempts + 1)) : Duration.ofMinutes(1);
    }
}
