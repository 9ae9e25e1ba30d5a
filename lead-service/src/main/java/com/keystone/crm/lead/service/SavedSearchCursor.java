package com.keystone.crm.lead.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in a saved-search list: the (createdAt, id) of the last item served. The order is stable because
 * neither value ever changes; the token is opaque to clients (base64url), so its shape may change later.
 */
public record SavedSearchCursor(Instant createdAt, UUID id) {
    private static final String PREFIX = "ss1:";

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything this class did not encode */
    public static SavedSearchCursor decode(String token) {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!raw.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a saved-search cursor");
        }
        String[] parts = raw.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a saved-search cursor");
        }
        Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
        return new SavedSearchCursor(createdAt, UUID.fromString(parts[1]));
    }
}
