package com.keystone.crm.gateway.security;

import com.keystone.crm.gateway.config.TotpConfig;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpSecretCipherTest {
    static final String OLD = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String NEW = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    static TotpConfig config(Map<String, String> keys, String active) {
        return new TotpConfig() {
            public Map<String, String> keys() {
                return keys;
            }

            public String activeKey() {
                return active;
            }

            public int recoveryCodes() {
                return 10;
            }
        };
    }

    @Test
    void sealsWithANewNonceEachTimeAndOpensForTheSameUserOnly() {
        TotpSecretCipher cipher = new TotpSecretCipher(config(Map.of("k1", OLD), "k1"));
        String secret = Totp.newSecret();
        TotpSecretCipher.Sealed a = cipher.seal("user-1", secret);
        TotpSecretCipher.Sealed b = cipher.seal("user-1", secret);
        assertThat(a.keyId()).isEqualTo("k1");
        assertThat(a.text()).doesNotContain(secret).isNotEqualTo(b.text());
        assertThat(cipher.open("user-1", "k1", a.text())).isEqualTo(secret);
        // the user id is associated data: a ciphertext moved to another user's row does not open
        assertThatThrownBy(() -> cipher.open("user-2", "k1", a.text())).isInstanceOf(IllegalStateException.class);
        String tampered = a.text().substring(0, a.text().length() - 4) + (a.text().endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> cipher.open("user-1", "k1", tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("user-1", "k1", "not base64 !")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotationOpensOldRowsAndSealsWithTheActiveKey() {
        TotpSecretCipher before = new TotpSecretCipher(config(Map.of("k1", OLD), "k1"));
        TotpSecretCipher.Sealed old = before.seal("user-1", "JBSWY3DPEHPK3PXP");
        TotpSecretCipher after = new TotpSecretCipher(config(Map.of("k1", OLD, "k2", NEW), "k2"));
        assertThat(after.needsRekey(old.keyId(), old.text())).isTrue();
        String plain = after.open("user-1", old.keyId(), old.text());
        TotpSecretCipher.Sealed resealed = after.seal("user-1", plain);
        assertThat(resealed.keyId()).isEqualTo("k2");
        assertThat(after.needsRekey(resealed.keyId(), resealed.text())).isFalse();
        // once the old key is dropped from the configuration, rows still under it cannot open: keep it until re-keyed
        TotpSecretCipher dropped = new TotpSecretCipher(config(Map.of("k2", NEW), "k2"));
        assertThatThrownBy(() -> dropped.open("user-1", "k1", old.text())).hasMessageContaining("not configured");
        // a plain secret from before encryption (no key id) is read as is and needs a re-key
        assertThat(after.open("user-1", null, "JBSWY3DPEHPK3PXP")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(after.needsRekey(null, "JBSWY3DPEHPK3PXP")).isTrue();
        assertThat(after.needsRekey(null, null)).isFalse();
    }

    @Test
    void aBadKeyConfigurationStopsTheStart() {
        assertThatThrownBy(() -> new TotpSecretCipher(config(Map.of("k1", "c2hvcnQ="), "k1"))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new TotpSecretCipher(config(Map.of("k1", "%%%"), "k1"))).hasMessageContaining("base64");
        assertThatThrownBy(() -> new TotpSecretCipher(config(Map.of("k1", OLD), "k9"))).hasMessageContaining("active-key");
    }

    @Test
    void recoveryCodesAreRandomAndTheirHashIgnoresCaseSpacesAndDashes() {
        String code = RecoveryCodes.newCode();
        assertThat(code).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}").isNotEqualTo(RecoveryCodes.newCode());
        assertThat(RecoveryCodes.hash(code.toLowerCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(code)).hasSize(64);
        assertThat(RecoveryCodes.hash("short")).isNull();
        assertThat(RecoveryCodes.hash("AAAA-AAAA-AAAA-AAA1")).isNull();
        assertThat(RecoveryCodes.hash(null)).isNull();
    }
}
