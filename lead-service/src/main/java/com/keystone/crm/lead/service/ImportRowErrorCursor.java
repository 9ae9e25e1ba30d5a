package com.keystone.crm.lead.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Position in an import's error report: the row number of the last entry served. Opaque to clients. */
public record ImportRowErrorCursor(int rowNumber) {
    private static final String PREFIX = "ire1:";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + rowNumber).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything this class did not encode */
    public static ImportRowErrorCursor decode(String token) {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!raw.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an error-report cursor");
        }
        return new ImportRowErrorCursor(Integer.parseInt(raw.substring(PREFIX.length())));
    }
}
