package com.keystone.crm.platform.chassis.idempotency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {
    @Test
    void hashIsLowerCaseHexSha256() {
        assertThat(RequestFingerprint.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(RequestFingerprint.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashFitsTheChar64Column() {
        assertThat(RequestFingerprint.sha256("{\"lastName\":\"Doe\"}")).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIsUtf8AndSensitiveToEveryByte() {
        assertThat(RequestFingerprint.sha256("Zoë")).isEqualTo(RequestFingerprint.sha256("Zo\u00eb"))
                .isNotEqualTo(RequestFingerprint.sha256("Zoe\u0308"));
        assertThat(RequestFingerprint.sha256("{\"a\":1}")).isNotEqualTo(RequestFingerprint.sha256("{\"a\":1} "));
    }

    record Body(String b, String a, java.util.Map<String, Integer> m) {
    }

    @Test
    void theFingerprintIgnoresFieldOrderButNotValues() {
        RequestFingerprint fp = new RequestFingerprint(new com.fasterxml.jackson.databind.ObjectMapper());
        java.util.Map<String, Integer> ab = new java.util.LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        java.util.Map<String, Integer> ba = new java.util.LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(fp.of(new Body("x", "y", ab))).isEqualTo(fp.of(new Body("x", "y", ba)))
                .isEqualTo(fp.of(java.util.Map.of("a", "y", "b", "x", "m", ba)))
                .isNotEqualTo(fp.of(new Body("x", "z", ab)));
        assertThat(fp.of(java.util.List.of("lead-1", new Body("x", "y", ab))))
                .isNotEqualTo(fp.of(java.util.List.of("lead-2", new Body("x", "y", ab))));
    }
}
