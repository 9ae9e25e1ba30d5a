package com.keystone.crm.tools.mlssimulator.rets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest authentication (RFC 2617, MD5, qop=auth or none) as RETS servers do it: every 401 carries a fresh
 * nonce; a nonce this server did not issue (or issued too long ago) is answered with a new challenge and
 * {@code stale=true} when the digest was otherwise right.
 */
final class DigestAuth {

    enum Result { OK, MISSING, STALE, WRONG }

    static final String REALM = "rets@keystone-sim";
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");
    private static final long NONCE_LIFETIME_NANOS = 10L * 60 * 1_000_000_000L;

    private final String user;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final String opaque;

    DigestAuth(String user, String password) {
        this.user = user;
        this.password = password;
        this.opaque = hex(8);
    }

    /** The WWW-Authenticate value of a 401, with a nonce never handed out before. */
    String challenge(boolean stale) {
        long now = System.nanoTime();
        if (nonces.size() > 10_000) {
            nonces.values().removeIf(issued -> now - issued > NONCE_LIFETIME_NANOS);
        }
        String nonce = hex(16);
        nonces.put(nonce, now);
        return "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\""
                + (stale ? ", stale=true" : "");
    }

    /** @param path the request's path: the digest's uri must name the same resource */
    Result verify(String header, String method, String path) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Result.MISSING;
        }
        Map<String, String> p = parse(header.substring(7));
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (nonce == null || uri == null || response == null || !user.equals(p.get("username"))
                || !REALM.equals(p.get("realm")) || !pathOf(uri).equals(path)) {
            return Result.WRONG;
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String qop = p.get("qop");
        String expected = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Result.WRONG;
        }
        Long issued = nonces.get(nonce);
        if (issued == null || System.nanoTime() - issued > NONCE_LIFETIME_NANOS) {
            return Result.STALE;
        }
        return Result.OK;
    }

    private static String pathOf(String uri) {
        String u = uri;
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            int slash = u.indexOf('/', scheme + 3);
            u = slash < 0 ? "/" : u.substring(slash);
        }
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    static Map<String, String> parse(String params) {
        Map<String, String> out = new HashMap<>();
        Matcher m = PARAM.matcher(params);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3));
        }
        return out;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
