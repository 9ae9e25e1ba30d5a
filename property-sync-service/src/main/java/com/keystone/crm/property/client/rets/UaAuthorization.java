package com.keystone.crm.property.client.rets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The RETS-UA-Authorization header of RETS 1.7.2 §3.10:
 * {@code Digest HEX(MD5(HEX(MD5(product ":" UA-password)) ":" request-id ":" session-id ":" version))}, where the
 * product is the User-Agent value and an absent request or session id is the empty string.
 */
public final class UaAuthorization {

    private UaAuthorization() {
    }

    public static String header(String userAgent, String uaPassword, String requestId, String sessionId, String retsVersion) {
        String a1 = md5Hex(userAgent + ":" + uaPassword);
        return "Digest " + md5Hex(a1 + ":" + nullToEmpty(requestId) + ":" + nullToEmpty(sessionId) + ":" + retsVersion);
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JRE", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
