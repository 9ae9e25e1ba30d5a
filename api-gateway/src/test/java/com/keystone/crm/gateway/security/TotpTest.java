package com.keystone.crm.gateway.security;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 appendix B vectors (SHA-1, 8 digits) and the acceptance window. */
class TotpTest {
    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Vectors() {
        assertThat(Totp.code(RFC_KEY, 59 / 30, 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_KEY, 1111111109L / 30, 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_KEY, 1234567890L / 30, 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_KEY, 20000000000L / 30, 8)).isEqualTo("65353130");
    }

    @Test
    void acceptsOneStepOfDriftOnceAndNothingElse() {
        String secret = new Base32().encodeToString(RFC_KEY).replace("=", "");
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = Totp.step(now);
        assertThat(Totp.verify(secret, Totp.code(secret, step), now, 0)).hasValue(step);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, 0)).hasValue(step - 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now, 0)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(secret, step - 2), now, 0)).isEmpty();
        // already used for this step
        assertThat(Totp.verify(secret, Totp.code(secret, step), now, step)).isEmpty();
        assertThat(Totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.verify(null, "123456", now, 0)).isEmpty();
        assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}");
        assertThat(Totp.otpauthUri("Keystone CRM", "a@b.test", "ABC")).startsWith("otpauth://totp/Keystone%20CRM%3Aa%40b.test?secret=ABC");
    }
}
