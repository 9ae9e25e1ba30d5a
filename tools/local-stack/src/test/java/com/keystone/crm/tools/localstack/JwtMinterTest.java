package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class JwtMinterTest {
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    @Test
    void demoTokenIsRs256SignedAndVerifiesWithThePublicPem(@TempDir Path dir) throws Exception {
        RsaKeys keys = RsaKeys.loadOrCreate(dir);
        Instant now = Instant.parse("2030-01-02T03:04:05Z");

        String token = new JwtMinter(keys.privateKey(), "local-1").mint(DemoUser.AGENT.claims(now));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(token).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        // verify with a key read back from public.pem, as a service does
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                RsaKeys.pemBody(java.nio.file.Files.readString(dir.resolve("public.pem")), "PUBLIC KEY")));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(pub);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(B64URL.decode(parts[2]))).isTrue();

        String header = new String(B64URL.decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"local-1\"}");
        String claims = new String(B64URL.decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains("\"iss\":\"https://auth.keystone-crm.local\"")
                .contains("\"aud\":\"keystone-crm\"")
                .contains("\"sub\":\"demo-agent-1\"")
                .contains("\"upn\":\"demo.agent@demo-brokerage.test\"")
                .contains("\"tenant\":\"demo-brokerage\"")
                .contains("\"team\":\"demo-team\"")
                .contains("\"groups\":[\"agent\"]")
                .contains("\"iat\":" + now.getEpochSecond())
                .contains("\"exp\":" + (now.getEpochSecond() + 12 * 3600))
                .containsPattern("\"jti\":\"[0-9a-f-]{36}\"");
    }

    @Test
    void aTamperedTokenDoesNotVerify(@TempDir Path dir) throws Exception {
        RsaKeys keys = RsaKeys.loadOrCreate(dir);
        String token = new JwtMinter(keys.privateKey(), "local-1").mint(DemoUser.AGENT.claims(Instant.now()));
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(B64URL.decode(parts[1]), StandardCharsets.UTF_8).replace("[\"agent\"]", "[\"admin\"]")
                        .getBytes(StandardCharsets.UTF_8));

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.publicKey());
        rs256.update((parts[0] + "." + forgedClaims).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(B64URL.decode(parts[2]))).isFalse();
    }

    @Test
    void adminTokenCarriesTheAdminGroup(@TempDir Path dir) throws Exception {
        RsaKeys keys = RsaKeys.loadOrCreate(dir);
        String token = new JwtMinter(keys.privateKey(), "local-1").mint(DemoUser.ADMIN.claims(Instant.now()));
        String claims = new String(B64URL.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"demo-admin-1\"").contains("\"groups\":[\"admin\"]");
    }
}
