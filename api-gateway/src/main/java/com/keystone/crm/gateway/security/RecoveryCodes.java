package com.keystone.crm.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Recovery codes of the second factor: 16 characters of the base32 alphabet (80 random bits, so a plain SHA-256 is
 * enough to store them: no brute force of the hash can reach 2^80), shown as four groups of four. What a user types
 * is normalised first: case, spaces and dashes do not matter.
 */
public final class RecoveryCodes {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LENGTH = 16;

    private RecoveryCodes() {
    }

    public static String newCode() {
        StringBuilder b = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** The stored form of a code as typed, or null when it cannot be a code at all. */
    public static String hash(String typed) {
        if (typed == null) {
            return null;
        }
        String normal = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (normal.length() != LENGTH || !normal.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
