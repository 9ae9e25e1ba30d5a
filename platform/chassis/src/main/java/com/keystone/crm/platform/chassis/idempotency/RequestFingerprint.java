package com.keystone.crm.platform.chassis.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two creates "the same request": SHA-256 (hex) of the request's canonical JSON, with properties and
 * map keys sorted, so the order of a client's JSON fields does not matter but every value does.
 */
@ApplicationScoped
public class RequestFingerprint {
    private final ObjectMapper canonical;

    public RequestFingerprint(ObjectMapper mapper) {
        // the service's modules (java.time, ...) with a stable property order
        this.canonical = sorted(mapper.copy());
    }

    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the service's ObjectMapper is no JsonMapper
    private static ObjectMapper sorted(ObjectMapper copy) {
        return copy.configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** The fingerprint of a request (a record, a map, or several parts as a list). */
    public String of(Object request) {
        try {
            return sha256(canonical.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a request to fingerprint must be JSON-serialisable", e);
        }
    }

    /** SHA-256 of a text, as 64 hex digits. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
