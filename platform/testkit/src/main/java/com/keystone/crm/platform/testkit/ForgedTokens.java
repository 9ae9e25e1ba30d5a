package com.keystone.crm.platform.testkit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Forgeries of a valid compact JWS (RFC 8725's attacks) that every token verifier must refuse: "alg":"none"
 * in any casing, HS256 signed with the RSA public key as the HMAC secret, a tampered payload under the
 * original signature, and a stripped signature.
 */
public final class ForgedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    /** The same claims, unsigned, with the given spelling of "none" (none, NONE, nOnE...). */
    public static String algNone(String token, String noneSpelling) {
        String[] parts = token.split("\\.");
        return B64.encodeToString(("{\"alg\":\"" + noneSpelling + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
    }

    /** The same claims signed with HS256, the HMAC key being the public key's PEM text (the key-confusion attack). */
    public static String hs256WithPublicKey(String token, String publicKeyPem, String kid) {
        String[] parts = token.split("\\.");
        String header = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String input = header + "." + parts[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyPem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload with {@code from} replaced by {@code to} (e.g. a role or a tenant), under the original signature. */
    public static String tamperedPayload(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(D64.decode(parts[1]), StandardCharsets.UTF_8);
        if (!payload.contains(from)) {
            throw new IllegalArgumentException("the payload has no " + from);
        }
        return parts[0] + "." + B64.encodeToString(payload.replace(from, to).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Header and payload with an empty signature. */
    public static String strippedSignature(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + ".";
    }
}
