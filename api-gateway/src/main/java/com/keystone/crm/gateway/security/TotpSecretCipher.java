package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.config.TotpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * TOTP secrets encrypted at rest with AES-256-GCM (the JDK's provider): a fresh 96-bit nonce per encryption, a
 * 128-bit tag, and the user id as associated data, so a ciphertext copied to another user's row does not decrypt.
 * The stored text is base64(nonce || ciphertext+tag); the key id is stored beside it ({@code app_user.totp_key_id}),
 * so keys can rotate: {@link #needsRekey} tells which rows still use an older key.
 */
@ApplicationScoped
public class TotpSecretCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A secret as stored: the key id and the text. */
    public record Sealed(String keyId, String text) {
    }

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;

    public TotpSecretCipher(TotpConfig config) {
        config.keys().forEach((id, base64) -> {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("crm.totp.keys." + id + " is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("crm.totp.keys." + id + " must be 32 bytes (AES-256), is " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("crm.totp.active-key '" + config.activeKey() + "' is not one of crm.totp.keys");
        }
        this.activeKey = config.activeKey();
    }

    public String activeKey() {
        return activeKey;
    }

    public Sealed seal(String userId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(userId));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return new Sealed(activeKey, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TOTP secret not encrypted", e);
        }
    }

    /** The plain secret; a row without a key id is a secret stored before encryption (read as is until re-keyed). */
    public String open(String userId, String keyId, String text) {
        if (text == null) {
            return null;
        }
        if (keyId == null) {
            return text;
        }
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("TOTP key '" + keyId + "' is not configured (crm.totp.keys): keep old keys until re-keyed");
        }
        try {
            byte[] in = Base64.getDecoder().decode(text);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(aad(userId));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("TOTP secret of user " + userId + " does not decrypt with key " + keyId);
        }
    }

    /** True when the row is plain or sealed with a key other than the active one. */
    public boolean needsRekey(String keyId, String text) {
        return text != null && !activeKey.equals(keyId);
    }

    private static byte[] aad(String userId) {
        return ("totp:" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
