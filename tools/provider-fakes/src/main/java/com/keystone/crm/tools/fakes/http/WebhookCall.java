package com.keystone.crm.tools.fakes.http;

import java.time.Instant;
import java.util.Map;

/**
 * One webhook a fake POSTed: where, what, and what came back ({@code status} -1 and {@code error} set when the
 * endpoint could not be reached).
 */
public record WebhookCall(Instant at, String url, Map<String, String> headers, String body, int status,
                          String responseBody, String error) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
