package com.keystone.crm.platform.chassis.idempotency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeysTest {
    @Test
    void hashIsLowerCaseHexSha256() {
        assertThat(IdempotencyKeys.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(IdempotencyKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashFitsTheChar64Column() {
        assertThat(IdempotencyKeys.hash("{\"lastName\":\"Doe\"}")).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIsUtf8AndSensitiveToEveryByte() {
        assertThat(IdempotencyKeys.hash("Zoë")).isEqualTo(IdempotencyKeys.hash("Zo\u00eb"))
                .isNotEqualTo(IdempotencyKeys.hash("Zoe\u0308"));
        assertThat(IdempotencyKeys.hash("{\"a\":1}")).isNotEqualTo(IdempotencyKeys.hash("{\"a\":1} "));
    }
}
