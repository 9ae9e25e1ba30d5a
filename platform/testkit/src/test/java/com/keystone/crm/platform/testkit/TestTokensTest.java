package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestTokensTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static PublicKey publicKey;

    /** The services' view: the PEM file from publicKeyFile(), parsed with nothing but java.security. */
    @BeforeAll
    static void readPublicKey() throws Exception {
        String pem = Files.readString(TestTokens.publicKeyFile(), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
        byte[] der = Base64.getMimeDecoder().decode(base64);
        publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    @Test
    void publicKeyFileIsWrittenOnce() {
        assertThat(TestTokens.publicKeyFile()).isSameAs(TestTokens.publicKeyFile()).isRegularFile();
    }

    @Test
    void tokenIsSignedWithTheTestKeyAndCarriesTheGatewayClaims() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = TestTokens.token("tenant-acme", "agent-ann", "team-a", "agent", "team-lead");

        assertThat(verifies(token)).as("RS256 signature verifies with the public key file").isTrue();

        JsonNode header = part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(TestTokens.KEY_ID);

        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(strings(claims.get("aud"))).containsExactly(TestTokens.AUDIENCE);
        assertThat(claims.get("sub").asText()).isEqualTo("agent-ann");
        assertThat(claims.get("upn").asText()).isEqualTo("agent-ann@tenant-acme.test");
        assertThat(claims.get("tenant").asText()).isEqualTo("tenant-acme");
        assertThat(claims.get("team").asText()).isEqualTo("team-a");
        assertThat(strings(claims.get("groups"))).containsExactlyInAnyOrder("agent", "team-lead");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("iat").asLong()).isBetween(before - 5, Instant.now().getEpochSecond() + 5);
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        String a = TestTokens.token("tenant-acme", "agent-ann", null, "agent");
        String b = TestTokens.token("tenant-acme", "agent-ann", null, "agent");
        assertThat(part(a, 1).get("jti").asText()).isNotEqualTo(part(b, 1).get("jti").asText());
    }

    @Test
    void expiredTokenIsValidlySignedButExpired() throws Exception {
        String token = TestTokens.expiredToken("tenant-acme", "agent-ann", "team-a", "agent");

        assertThat(verifies(token)).isTrue();
        JsonNode claims = part(token, 1);
        long now = Instant.now().getEpochSecond();
        assertThat(claims.get("exp").asLong()).isLessThan(now);
        assertThat(claims.get("iat").asLong()).isLessThan(claims.get("exp").asLong());
        assertThat(claims.get("tenant").asText()).isEqualTo("tenant-acme");
    }

    @Test
    void tokenSignedByAnotherKeyDoesNotVerify() throws Exception {
        String token = TestTokens.tokenSignedByAnotherKey("tenant-acme", "agent-ann", "agent");

        assertThat(verifies(token)).isFalse();
        assertThat(part(token, 0).get("kid").asText()).as("same kid, so only the signature gives it away").isEqualTo(TestTokens.KEY_ID);
        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void tokenWithIssuerCarriesThatIssuer() throws Exception {
        String token = TestTokens.tokenWithIssuer("https://evil.example", "tenant-acme", "agent-ann", "admin");

        assertThat(verifies(token)).isTrue();
        JsonNode claims = part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo("https://evil.example");
        assertThat(claims.get("tenant").asText()).isEqualTo("tenant-acme");
        assertThat(strings(claims.get("groups"))).containsExactly("admin");
        assertThat(claims.has("team")).isFalse();
    }

    @Test
    void nullTenantAndTeamAreOmitted() throws Exception {
        String token = TestTokens.token(null, "svc-ops", null, "admin");

        assertThat(verifies(token)).isTrue();
        JsonNode claims = part(token, 1);
        assertThat(claims.has("tenant")).isFalse();
        assertThat(claims.has("team")).isFalse();
        assertThat(claims.get("sub").asText()).isEqualTo("svc-ops");
        assertThat(claims.get("upn").asText()).isEqualTo("svc-ops@none.test");
    }

    @Test
    void tamperedPayloadDoesNotVerify() {
        String token = TestTokens.token("tenant-acme", "agent-ann", "team-a", "agent");
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("tenant-acme", "tenant-evil").getBytes(StandardCharsets.UTF_8));
        assertThat(verifies(parts[0] + "." + forged + "." + parts[2])).isFalse();
    }

    private static boolean verifies(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    /** A claim that may be one string or an array of strings (aud, groups). */
    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
