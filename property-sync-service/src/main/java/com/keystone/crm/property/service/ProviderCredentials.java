package com.keystone.crm.property.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.secret.EnvelopeCipher;
import com.keystone.crm.property.secret.SealedSecret;
import com.keystone.crm.property.secret.SecretUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * A provider's stored credentials: sealed into its row when an admin gives them, opened when its client is opened,
 * re-wrapped after a master key rotation. The provider's id is the encryption context (bound to the ciphertext).
 */
@ApplicationScoped
public class ProviderCredentials {
    private final EnvelopeCipher cipher;
    private final ObjectMapper json;

    public ProviderCredentials(EnvelopeCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** Whether this instance has a master key to store credentials with. */
    public boolean canStore() {
        return cipher.canSeal();
    }

    /** Seals the credentials into the provider's row, replacing a configuration reference or older credentials. */
    public void store(Provider p, MlsCredentials credentials, Instant now) {
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(new Stored(credentials.username(), credentials.password(), credentials.uaPassword()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credentials could not be serialised", e);
        }
        try {
            SealedSecret sealed = cipher.seal(plain, context(p));
            p.secretKeyId = sealed.keyId();
            p.secretWrappedKey = sealed.wrappedKey();
            p.secretCiphertext = sealed.ciphertext();
            p.secretUpdatedAt = now;
            p.credentialsRef = null;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Drops stored credentials (the provider now names a configuration reference). */
    public static void clear(Provider p) {
        p.secretKeyId = null;
        p.secretWrappedKey = null;
        p.secretCiphertext = null;
        p.secretUpdatedAt = null;
    }

    public static boolean stored(Provider p) {
        return p.secretCiphertext != null;
    }

    /** The provider's stored credentials; {@link SecretUnavailableException} when they cannot be decrypted here. */
    public MlsCredentials open(Provider p) {
        byte[] plain = cipher.open(sealed(p), context(p));
        try {
            Stored s = json.readValue(plain, Stored.class);
            return new MlsCredentials(s.u, s.p, s.ua);
        } catch (IOException e) {
            throw new SecretUnavailableException("the stored credentials of provider " + p.id + " are not readable");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The provider's sealed credentials with the data key under the active master key (null: nothing to do). */
    public SealedSecret rewrapped(Provider p) {
        if (!stored(p) || cipher.activeKeyId().equals(p.secretKeyId)) {
            return null;
        }
        return cipher.rewrap(sealed(p), context(p));
    }

    static SealedSecret sealed(Provider p) {
        return new SealedSecret(p.secretKeyId, p.secretWrappedKey, p.secretCiphertext);
    }

    /** The encryption context: a sealed secret opens only on its own provider's row. */
    static String context(Provider p) {
        return "mls-provider " + p.id;
    }

    /** The sealed form, with short names (its size is what an attacker of the row would see). */
    record Stored(@com.fasterxml.jackson.annotation.JsonProperty("u") String u,
                  @com.fasterxml.jackson.annotation.JsonProperty("p") String p,
                  @com.fasterxml.jackson.annotation.JsonProperty("ua") String ua) {
        @Override
        public String toString() {
            return "Stored[redacted]";
        }
    }
}
