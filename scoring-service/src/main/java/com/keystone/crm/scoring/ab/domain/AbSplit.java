package com.keystone.crm.scoring.ab.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Which arm of an A/B test a lead is in: a stable hash (SHA-256) of the test's id and the lead id mapped to [0, 1),
 * challenger below the share. The same lead stays in its arm on every replica and every re-score; the test id is
 * part of the hash so that each new test draws its own sample instead of always handing a challenger the same leads.
 */
public final class AbSplit {
    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";

    private AbSplit() {
    }

    /** The lead's position in [0, 1) for this test. */
    public static double bucket(UUID experimentId, UUID leadId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((experimentId + ":" + leadId).getBytes(StandardCharsets.US_ASCII));
            long top53 = ByteBuffer.wrap(digest).getLong() >>> 11;
            return top53 / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String variant(UUID experimentId, UUID leadId, double challengerShare) {
        return bucket(experimentId, leadId) < challengerShare ? CHALLENGER : CHAMPION;
    }
}
