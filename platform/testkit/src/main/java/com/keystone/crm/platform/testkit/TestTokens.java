package com.keystone.crm.platform.testkit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;

/**
 * Mints RS256 access tokens shaped like the api-gateway's (sub, tenant, team, groups, iss, aud, exp, iat, jti, kid)
 * with a key pair made once per test JVM. Services verify them with the public key this class writes.
 */
public final class TestTokens {
    public static final String ISSUER = "https://auth.keystone-crm.local";
    public static final String AUDIENCE = "keystone-crm";
    public static final String KEY_ID = "test-key-1";

    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                keys = gen.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    /** The public key as a PEM file, for mp.jwt.verify.publickey.location. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            try {
                publicKeyFile = Files.createTempFile("crm-test-jwt", ".pem");
                Files.writeString(publicKeyFile, pem);
                publicKeyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /** A token for a user of a tenant with the given roles (agent, team-lead, admin); tenant or team may be null. */
    public static String token(String tenant, String userId, String team, String... roles) {
        return sign(claims(tenant, userId, team, roles));
    }

    /** The public key tokens are verified with. */
    public static java.security.interfaces.RSAPublicKey publicKey() {
        return (java.security.interfaces.RSAPublicKey) keys().getPublic();
    }

    /** The public key as PEM text. */
    public static String publicKeyPem() {
        try {
            return Files.readString(publicKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token whose validity starts in an hour (nbf). */
    public static String notYetValidToken(String tenant, String userId, String team, String... roles) {
        return sign(claims(tenant, userId, team, roles).claim("nbf", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())
                .expiresAt(Instant.now().plus(Duration.ofHours(2))));
    }

    /** A token for another audience. */
    public static String tokenWithAudience(String audience, String tenant, String userId, String... roles) {
        return sign(claims(tenant, userId, null, roles).audience(audience));
    }

    /** A token signed by the right key but naming a kid the key set does not have. */
    public static String tokenWithKeyId(String kid, String tenant, String userId, String... roles) {
        return claims(tenant, userId, null, roles).jws().keyId(kid).sign(keys().getPrivate());
    }

    /** A token that expired an hour ago. */
    public static String expiredToken(String tenant, String userId, String team, String... roles) {
        return sign(claims(tenant, userId, team, roles)
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))));
    }

    /** A token from an issuer the services do not trust. */
    public static String tokenWithIssuer(String issuer, String tenant, String userId, String... roles) {
        return sign(claims(tenant, userId, null, roles).issuer(issuer));
    }

    /** A well-formed token signed by a key the services do not know. */
    public static String tokenSignedByAnotherKey(String tenant, String userId, String... roles) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return claims(tenant, userId, null, roles).jws().keyId(KEY_ID).sign(gen.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of {@link #token} as a mutable map (sub, tenant, groups, iss, aud, jti, iat, exp in epoch seconds),
     * for a test that removes or bends one of them and signs the rest with {@link #signClaims}.
     */
    public static java.util.Map<String, Object> claimsOf(String tenant, String userId, String... roles) {
        long now = Instant.now().getEpochSecond();
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", AUDIENCE);
        c.put("sub", userId);
        c.put("tenant", tenant);
        c.put("groups", java.util.List.of(roles));
        c.put("jti", UUID.randomUUID().toString());
        c.put("iat", now);
        c.put("exp", now + Duration.ofMinutes(15).toSeconds());
        return c;
    }

    /**
     * Exactly these claims (null values left out), signed RS256 with the services' trusted key. jose4j directly:
     * SmallRye's builder would add the iat, exp and jti a test means to leave out.
     */
    public static String signClaims(java.util.Map<String, Object> claims) {
        org.jose4j.jwt.JwtClaims c = new org.jose4j.jwt.JwtClaims();
        claims.forEach((k, v) -> {
            if (v != null) {
                c.setClaim(k, v);
            }
        });
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setHeader("typ", "JWT");
        jws.setKey(keys().getPrivate());
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(keys().getPrivate());
    }

    private static JwtClaimsBuilder claims(String tenant, String userId, String team, String... roles) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(userId + "@" + (tenant == null ? "none" : tenant) + ".test")
                .groups(new HashSet<>(Arrays.asList(roles)))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(15));
        if (tenant != null) {
            b.claim("tenant", tenant);
        }
        if (team != null) {
            b.claim("team", team);
        }
        return b;
    }
}
