package com.keystone.crm.tools.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs JWTs with RS256 (SHA256withRSA) using only java.security, shaped like the api-gateway's access tokens. */
public final class JwtMinter {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private final PrivateKey key;
    private final String keyId;

    public JwtMinter(PrivateKey key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    public String mint(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
