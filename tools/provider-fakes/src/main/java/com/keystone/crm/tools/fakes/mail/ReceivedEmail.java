package com.keystone.crm.tools.fakes.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One email the SMTP fake received (one entry per message, however many recipients): its headers (names as sent,
 * each with its values), text and HTML parts.
 */
public record ReceivedEmail(String messageId, String from, List<String> to, List<String> cc, String subject,
                            String text, String html, Map<String, List<String>> headers, Instant receivedAt) {

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
