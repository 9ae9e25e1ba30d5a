package com.keystone.crm.property.secret;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCipherTest {
    static final byte[] K1 = key(1);
    static final byte[] K2 = key(2);
    static final byte[] SECRET = "{\"u\":\"user\",\"p\":\"pa55-w0rd!\"}".getBytes(StandardCharsets.UTF_8);

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        new SecureRandom(new byte[]{(byte) seed}).nextBytes(k);
        k[0] = (byte) seed;
        return k;
    }

    static EnvelopeCipher cipher(String active, Map<String, byte[]> keys) {
        return new EnvelopeCipher(new MasterKeyRing(active, keys));
    }

    @Test
    void sealsUnderTheActiveKeyAndOpensBack() {
        EnvelopeCipher c = cipher("k1", Map.of("k1", K1));
        SealedSecret s = c.seal(SECRET, "provider-a");
        assertThat(s.keyId()).isEqualTo("k1");
        assertThat(new String(s.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("pa55-w0rd!");
        assertThat(s.wrappedKey()).hasSize(1 + 12 + 32 + 16);
        assertThat(c.open(s, "provider-a")).isEqualTo(SECRET);
        // a fresh data key and nonce each time: the same secret never seals to the same bytes
        SealedSecret again = c.seal(SECRET, "provider-a");
        assertThat(again.ciphertext()).isNotEqualTo(s.ciphertext());
        assertThat(again.wrappedKey()).isNotEqualTo(s.wrappedKey());
    }

    @Test
    void aSealedSecretOpensOnlyInItsOwnContext() {
        EnvelopeCipher c = cipher("k1", Map.of("k1", K1));
        SealedSecret s = c.seal(SECRET, "provider-a");
        assertThatThrownBy(() -> c.open(s, "provider-b")).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("does not decrypt with master key 'k1'");
    }

    @Test
    void aWrongKeyUnderTheSameIdFailsClearly() {
        SealedSecret s = cipher("k1", Map.of("k1", K1)).seal(SECRET, "p");
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", K2)).open(s, "p")).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("master key 'k1'").hasMessageContaining("not the one it was encrypted with");
    }

    @Test
    void aKeyIdNotConfiguredFailsNamingIt() {
        SealedSecret s = cipher("k1", Map.of("k1", K1)).seal(SECRET, "p");
        assertThatThrownBy(() -> cipher("k2", Map.of("k2", K2)).open(s, "p")).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("master key 'k1', which is not configured");
    }

    @Test
    void alteredBytesAreRefused() {
        EnvelopeCipher c = cipher("k1", Map.of("k1", K1));
        SealedSecret s = c.seal(SECRET, "p");
        byte[] ct = s.ciphertext().clone();
        ct[ct.length - 1] ^= 1;
        assertThatThrownBy(() -> c.open(new SealedSecret("k1", s.wrappedKey(), ct), "p"))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("altered");
        byte[] wk = s.wrappedKey().clone();
        wk[20] ^= 1;
        assertThatThrownBy(() -> c.open(new SealedSecret("k1", wk, s.ciphertext()), "p"))
                .isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> c.open(new SealedSecret("k1", new byte[3], s.ciphertext()), "p"))
                .isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> c.open(new SealedSecret("k1", s.wrappedKey(), new byte[0]), "p"))
                .isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void rotationRewrapsTheDataKeyAndKeepsTheCiphertext() {
        SealedSecret old = cipher("k1", Map.of("k1", K1)).seal(SECRET, "p");
        EnvelopeCipher both = cipher("k2", Map.of("k1", K1, "k2", K2));
        SealedSecret fresh = both.rewrap(old, "p");
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(fresh.ciphertext()).isEqualTo(old.ciphertext());
        assertThat(fresh.wrappedKey()).isNotEqualTo(old.wrappedKey());
        // the old key can now go
        assertThat(cipher("k2", Map.of("k2", K2)).open(fresh, "p")).isEqualTo(SECRET);
        assertThat(both.rewrap(fresh, "p")).isSameAs(fresh);
        // new secrets are sealed under the active key
        assertThat(both.seal(SECRET, "q").keyId()).isEqualTo("k2");
    }

    @Test
    void withoutKeysNothingIsSealed() {
        EnvelopeCipher none = new EnvelopeCipher(MasterKeyRing.empty());
        assertThat(none.canSeal()).isFalse();
        assertThatThrownBy(() -> none.seal(SECRET, "p")).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("crm.mls.secrets.active-key");
    }

    @Test
    void theKeyConfigurationIsParsedStrictlyWithoutEchoingKeys() {
        String b64 = Base64.getEncoder().encodeToString(K1);
        assertThat(MasterKeyRing.parse("a", "a:" + b64 + ", b:" + Base64.getEncoder().encodeToString(K2)).activeId())
                .isEqualTo("a");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeyRing.parse("a", "a:" + shortKey))
                .hasMessageContaining("'a' has 16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> MasterKeyRing.parse("a", "a:not*base64!")).hasMessageContaining("'a' is not valid base64")
                .hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> MasterKeyRing.parse("c", "a:" + b64)).hasMessageContaining("'c' is not among");
        assertThatThrownBy(() -> MasterKeyRing.parse(null, "a:" + b64)).hasMessageContaining("none is active");
        assertThatThrownBy(() -> MasterKeyRing.parse("a", "a:" + b64 + ",a:" + b64)).hasMessageContaining("twice");
        assertThatThrownBy(() -> MasterKeyRing.parse("a", b64)).hasMessageContaining("entry 1 is not id:base64-key")
                .hasMessageNotContaining(b64);
        assertThatThrownBy(() -> MasterKeyRing.parse("a b", "a b:" + b64)).hasMessageContaining("master key id");
        assertThat(MasterKeyRing.parse(" ", "").canSeal()).isFalse();
    }
}
