package com.keystone.crm.platform.chassis.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque, tamper-evident keyset cursors: {@code base64url(json) "." base64url(HMAC-SHA256)}. The JSON holds the
 * sort key values and the row id; the MAC covers the list's name too, so a cursor is only accepted by the list (and
 * sort) that gave it out. The key is {@code crm.cursor.secret}: every replica of a service must share it (the dev
 * default is the same everywhere; production sets its own secret per environment, e.g. from a Kubernetes secret).
 * Rotating the secret only invalidates cursors in flight: a client starts its list again.
 */
@ApplicationScoped
public class CursorCodec {
    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits of the MAC: plenty against forgery, and the cursor stays short in a URL. */
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    // a plain mapper: the cursor's shape must not depend on the wire settings of the REST ObjectMapper
    private final ObjectMapper json = new ObjectMapper();

    public CursorCodec(@ConfigProperty(name = "crm.cursor.secret") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("crm.cursor.secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The cursors of one list; name it with everything that changes the order, e.g. {@code "leads:-updatedAt"}. */
    public Keyset list(String name) {
        return new Keyset(this, name);
    }

    String encode(String list, Cursor cursor) {
        ObjectNode node = json.createObjectNode();
        ArrayNode keys = node.putArray("k");
        cursor.keys().forEach(keys::add);
        node.put("i", cursor.id());
        byte[] payload = node.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(list, payload));
    }

    Cursor decode(String list, String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw InvalidCursorException.foreign();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(list, payload))) {
                throw InvalidCursorException.foreign();
            }
            JsonNode node = json.readTree(payload);
            JsonNode keys = node.get("k");
            JsonNode id = node.get("i");
            if (keys == null || !keys.isArray() || id == null || !id.isTextual()) {
                throw InvalidCursorException.foreign();
            }
            List<String> values = new ArrayList<>(keys.size());
            keys.forEach(k -> values.add(k.isNull() ? null : k.asText()));
            return new Cursor(values, id.asText());
        } catch (InvalidCursorException e) {
            throw e;
        } catch (Exception e) { // bad base64, bad JSON: garbled
            throw InvalidCursorException.foreign();
        }
    }

    private byte[] mac(String list, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(list.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
