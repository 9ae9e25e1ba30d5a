package com.keystone.crm.property.secret;

/**
 * A secret under envelope encryption: {@code ciphertext} is the secret under its own random data key (AES-256-GCM),
 * {@code wrappedKey} that data key under the master key {@code keyId} (AES-256-GCM). Both arrays are
 * {@code format byte || 12-byte nonce || ciphertext with its 16-byte tag}.
 */
public record SealedSecret(String keyId, byte[] wrappedKey, byte[] ciphertext) {
}
