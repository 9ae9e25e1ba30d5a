package com.keystone.crm.property.client.http;

import java.time.Instant;

/** The quota a server reported in its response headers: remaining and limit of the tightest window, when it resets. */
public record QuotaReport(Integer remaining, Integer limit, Instant resetsAt) {

    public boolean exhausted() {
        return remaining != null && remaining <= 0;
    }
}
