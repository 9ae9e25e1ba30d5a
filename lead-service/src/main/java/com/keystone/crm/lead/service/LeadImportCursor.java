package com.keystone.crm.lead.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in the list of import jobs: the (createdAt, id) of the last job served (newest first; neither value
 * ever changes, so the order is stable). Opaque to clients.
 */
public record LeadImportCursor(Instant createdAt, UUID id) {
    private static final String PREFIX = "li1:";

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything this class did not encode */
    public static LeadImportCursor decode(String token) {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()).split(":", 2) : new String[0];
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an import cursor");
        }
        return new LeadImportCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
    }
}
