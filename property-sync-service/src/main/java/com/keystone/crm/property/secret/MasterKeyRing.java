package com.keystone.crm.property.secret;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The master keys (key-encryption keys) of this instance, by id, and which one wraps new data keys. Old keys stay in
 * the ring until every stored data key was re-wrapped under the active one ({@code KeyRewrapper}); a key id is stored
 * with each secret so a rotation never needs to guess. Built from {@code crm.mls.secrets.keys}
 * ({@code id:base64,id:base64}, 256-bit keys) and {@code crm.mls.secrets.active-key}.
 */
public final class MasterKeyRing {
    static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String activeId;
    private final Map<String, byte[]> keys;

    public MasterKeyRing(String activeId, Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("master key id '" + id + "': letters, digits, '.', '_', '-' (1-64)");
            }
            if (key.length != KEY_BYTES) {
                // never the key itself in a message: only its id and length
                throw new IllegalArgumentException("master key '" + id + "' has " + key.length + " bytes; AES-256 needs "
                        + KEY_BYTES);
            }
            copy.put(id, key.clone());
        });
        if (activeId != null && !copy.containsKey(activeId)) {
            throw new IllegalArgumentException("the active master key '" + activeId + "' is not among the configured keys "
                    + copy.keySet());
        }
        if (activeId == null && !copy.isEmpty()) {
            throw new IllegalArgumentException("master keys are configured but none is active (crm.mls.secrets.active-key)");
        }
        this.activeId = activeId;
        this.keys = Collections.unmodifiableMap(copy);
    }

    /** A ring without keys: stored credentials are refused, configuration references still work. */
    public static MasterKeyRing empty() {
        return new MasterKeyRing(null, Map.of());
    }

    /**
     * Parses {@code id:base64[,id:base64...]}; a malformed entry fails naming its position or id, never its value.
     */
    public static MasterKeyRing parse(String activeId, String keyList) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (keyList != null && !keyList.isBlank()) {
            String[] entries = keyList.split(",");
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].trim();
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("crm.mls.secrets.keys entry " + (i + 1) + " is not id:base64-key");
                }
                String id = entry.substring(0, colon);
                try {
                    if (keys.put(id, Base64.getDecoder().decode(entry.substring(colon + 1).trim())) != null) {
                        throw new IllegalArgumentException("master key '" + id + "' is configured twice");
                    }
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("master key")) {
                        throw e;
                    }
                    throw new IllegalArgumentException("master key '" + id + "' is not valid base64");
                }
            }
        }
        return new MasterKeyRing(activeId == null || activeId.isBlank() ? null : activeId.trim(), keys);
    }

    public boolean canSeal() {
        return activeId != null;
    }

    public String activeId() {
        if (activeId == null) {
            throw new SecretUnavailableException("no master key is configured (crm.mls.secrets.active-key and "
                    + "crm.mls.secrets.keys): credentials cannot be stored on this instance");
        }
        return activeId;
    }

    Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
