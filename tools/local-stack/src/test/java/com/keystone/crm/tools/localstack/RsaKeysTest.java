package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaKeysTest {

    @Test
    void firstRunWritesPkcs8PrivateAndX509PublicPem(@TempDir Path dir) throws Exception {
        RsaKeys keys = RsaKeys.loadOrCreate(dir);

        String priv = Files.readString(dir.resolve("private.pem"));
        String pub = Files.readString(dir.resolve("public.pem"));
        assertThat(priv).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pub).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(pub.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
        assertThat(keys.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(keys.privateKey().getFormat()).isEqualTo("PKCS#8");
        assertThat(keys.publicKey().getFormat()).isEqualTo("X.509");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void laterRunsReuseTheSameKeys(@TempDir Path dir) throws Exception {
        RsaKeys first = RsaKeys.loadOrCreate(dir);
        RsaKeys second = RsaKeys.loadOrCreate(dir);

        assertThat(second.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void pemBodyRejectsTheWrongType() {
        assertThatThrownBy(() -> RsaKeys.pemBody("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "PRIVATE KEY"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
