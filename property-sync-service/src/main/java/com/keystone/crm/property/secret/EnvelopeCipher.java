package com.keystone.crm.property.secret;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption with the JDK's AES-GCM (no hand-made crypto: a random 96-bit nonce per encryption, the 128-bit
 * tag checked on decryption). Each secret gets its own data key; only the data key is encrypted by a master key, so a
 * master key rotation re-wraps 60-byte keys and never touches the secrets, and a KMS could take the master key's
 * place (wrap = kms:Encrypt, unwrap = kms:Decrypt; see the README). The caller's context (the provider id) is bound
 * as additional authenticated data: a sealed secret copied onto another provider's row does not open.
 */
public final class EnvelopeCipher {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeyRing ring;

    public EnvelopeCipher(MasterKeyRing ring) {
        this.ring = ring;
    }

    public boolean canSeal() {
        return ring.canSeal();
    }

    public String activeKeyId() {
        return ring.activeId();
    }

    /** Encrypts under a fresh data key wrapped by the active master key. */
    public SealedSecret seal(byte[] plaintext, String context) {
        String keyId = ring.activeId();
        byte[] dataKey = new byte[MasterKeyRing.KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] ciphertext = encrypt(dataKey, plaintext, aad("secret", null, context));
            byte[] wrapped = encrypt(masterKey(keyId), dataKey, aad("data-key", keyId, context));
            return new SealedSecret(keyId, wrapped, ciphertext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Decrypts; a missing master key, a wrong key under that id or altered bytes fail with a message saying which. */
    public byte[] open(SealedSecret sealed, String context) {
        byte[] dataKey = unwrap(sealed, context);
        try {
            return decrypt(dataKey, sealed.ciphertext(), aad("secret", null, context), () -> new SecretUnavailableException(
                    "the secret of " + context + " does not decrypt with its data key: the stored ciphertext was altered"));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same secret with its data key re-wrapped under the active master key (the ciphertext is kept as is). */
    public SealedSecret rewrap(SealedSecret sealed, String context) {
        String active = ring.activeId();
        if (active.equals(sealed.keyId())) {
            return sealed;
        }
        byte[] dataKey = unwrap(sealed, context);
        try {
            return new SealedSecret(active, encrypt(masterKey(active), dataKey, aad("data-key", active, context)),
                    sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] unwrap(SealedSecret sealed, String context) {
        byte[] master = ring.key(sealed.keyId()).orElseThrow(() -> new SecretUnavailableException("the secret of " + context
                + " is encrypted under master key '" + sealed.keyId() + "', which is not configured on this instance "
                + "(crm.mls.secrets.keys)"));
        return decrypt(master, sealed.wrappedKey(), aad("data-key", sealed.keyId(), context), () -> new SecretUnavailableException(
                "the data key of " + context + " does not decrypt with master key '" + sealed.keyId()
                        + "': the key configured under that id is not the one it was encrypted with, or the row was altered"));
    }

    private byte[] masterKey(String id) {
        return ring.key(id).orElseThrow(() -> new SecretUnavailableException("master key '" + id + "' is not configured"));
    }

    private static byte[] aad(String purpose, String keyId, String context) {
        return (purpose + "|" + (keyId == null ? "" : keyId) + "|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] body = c.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + body.length).put(FORMAT).put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] decrypt(byte[] key, byte[] sealed, byte[] aad,
                                  java.util.function.Supplier<SecretUnavailableException> refused) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw refused.get();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            c.updateAAD(aad);
            return c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw refused.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
