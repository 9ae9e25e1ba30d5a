package com.keystone.crm.tools.mlssimulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Misbehaviours of real MLS servers, each settable and clearable at run time; all off by default. Faults apply to
 * RETS, RESO, the token endpoint and media unless the method says otherwise. Thread-safe.
 */
public final class FaultPlan {

    /** What the gate answers instead of the real response. */
    public record Rejection(int status, Integer retryAfterSeconds, String reason) {
    }

    private final Random random;
    private final Deque<Long> window = new ArrayDeque<>();

    private volatile Duration latency = Duration.ZERO;
    private int failNext;
    private int failNextStatus = 503;
    private double errorRate;
    private int errorRateStatus = 503;
    private int rateLimitPerSecond;
    private int retryAfterSeconds;
    private int suspendAfterViolations;
    private long blockedUntilNanos;
    private int violations;
    private boolean suspended;
    private volatile int expireSessionsAfter;
    private volatile boolean ignoreOffset;
    private volatile boolean rejectOffset;
    private volatile int maxRows;
    private volatile boolean maxRowsAsError;
    private volatile int topCap;
    private int malformedRows;
    private volatile boolean invalidXmlCharRefs;
    private volatile boolean latin1Bodies;
    private volatile boolean zonelessTimestamps;

    FaultPlan(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    /** Every request waits this long before it is answered. */
    public FaultPlan latency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
        return this;
    }

    /** The next n requests answer {@code status} (e.g. 503). */
    public synchronized FaultPlan failNext(int n, int status) {
        this.failNext = n;
        this.failNextStatus = status;
        return this;
    }

    /** This share of requests (0..1, drawn from the seed) answers {@code status}. */
    public synchronized FaultPlan errorRate(double rate, int status) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1");
        }
        this.errorRate = rate;
        this.errorRateStatus = status;
        return this;
    }

    /**
     * More than {@code requestsPerSecond} requests in any one-second window answer 429 with Retry-After. A request
     * that arrives while a Retry-After is still running is a violation; after {@code suspendAfterViolations}
     * violations every request answers 403 until {@link #liftSuspension()}. 0 violations means never suspend.
     */
    public synchronized FaultPlan rateLimit(int requestsPerSecond, int retryAfterSeconds, int suspendAfterViolations) {
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0");
        }
        this.rateLimitPerSecond = requestsPerSecond;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.suspendAfterViolations = suspendAfterViolations;
        this.violations = 0;
        this.blockedUntilNanos = 0;
        this.window.clear();
        return this;
    }

    public synchronized FaultPlan clearRateLimit() {
        this.rateLimitPerSecond = 0;
        this.window.clear();
        this.blockedUntilNanos = 0;
        this.violations = 0;
        return this;
    }

    public synchronized FaultPlan liftSuspension() {
        this.suspended = false;
        this.violations = 0;
        this.blockedUntilNanos = 0;
        this.window.clear();
        return this;
    }

    public synchronized boolean suspended() {
        return suspended;
    }

    public synchronized int violations() {
        return violations;
    }

    /** A RETS session answers 20037 after this many requests in it, a RESO token 401; 0 clears. */
    public FaultPlan expireSessionsAfter(int nRequests) {
        this.expireSessionsAfter = Math.max(0, nRequests);
        return this;
    }

    /** RETS: Offset is ignored, every page is page 1 again. */
    public FaultPlan ignoreOffset(boolean on) {
        this.ignoreOffset = on;
        return this;
    }

    /** RETS: a request with Offset answers 20203. */
    public FaultPlan rejectOffset(boolean on) {
        this.rejectOffset = on;
        return this;
    }

    /** RETS: the server's row cap (overrides SimulatorOptions.retsMaxRows); 0 clears. */
    public FaultPlan maxRows(int n) {
        this.maxRows = Math.max(0, n);
        return this;
    }

    /** RETS: a capped search answers 20208 (Maximum Records Exceeded) without rows instead of rows + MAXROWS. */
    public FaultPlan maxRowsAsError(boolean on) {
        this.maxRowsAsError = on;
        return this;
    }

    /** RESO: the largest page (overrides SimulatorOptions.resoTopCap); 0 clears. */
    public FaultPlan topCap(int n) {
        this.topCap = Math.max(0, n);
        return this;
    }

    /** RETS: the next n data rows have the wrong number of columns (one missing). */
    public synchronized FaultPlan malformedRows(int n) {
        this.malformedRows = Math.max(0, n);
        return this;
    }

    /** RETS: PublicRemarks carry emoji as UTF-16 surrogate character references (&amp;#xD83D;...), invalid XML. */
    public FaultPlan invalidXmlCharRefs(boolean on) {
        this.invalidXmlCharRefs = on;
        return this;
    }

    /** RETS: bodies in ISO-8859-1, declared in Content-Type and the XML declaration. */
    public FaultPlan latin1Bodies(boolean on) {
        this.latin1Bodies = on;
        return this;
    }

    /** RETS and RESO: timestamps without an offset, in the server's zone (SYSTEM TimeZoneOffset). */
    public FaultPlan zonelessTimestamps(boolean on) {
        this.zonelessTimestamps = on;
        return this;
    }

    /** Every fault off, suspension lifted. */
    public synchronized FaultPlan clear() {
        latency = Duration.ZERO;
        failNext = 0;
        errorRate = 0;
        clearRateLimit();
        suspended = false;
        expireSessionsAfter = 0;
        ignoreOffset = false;
        rejectOffset = false;
        maxRows = 0;
        maxRowsAsError = false;
        topCap = 0;
        malformedRows = 0;
        invalidXmlCharRefs = false;
        latin1Bodies = false;
        zonelessTimestamps = false;
        return this;
    }

    public Duration latency() { return latency; }
    public int expireSessionsAfter() { return expireSessionsAfter; }
    public boolean ignoreOffset() { return ignoreOffset; }
    public boolean rejectOffset() { return rejectOffset; }
    public int maxRows() { return maxRows; }
    public boolean maxRowsAsError() { return maxRowsAsError; }
    public int topCap() { return topCap; }
    public boolean invalidXmlCharRefs() { return invalidXmlCharRefs; }
    public boolean latin1Bodies() { return latin1Bodies; }
    public boolean zonelessTimestamps() { return zonelessTimestamps; }

    /** Takes one malformed row from the budget: true if this row is to be broken. */
    public synchronized boolean takeMalformedRow() {
        if (malformedRows > 0) {
            malformedRows--;
            return true;
        }
        return false;
    }

    /** The gate every request passes: null lets it through. */
    public synchronized Rejection admit(long nowNanos) {
        if (suspended) {
            return new Rejection(403, null, "suspended: too many requests after 429");
        }
        if (rateLimitPerSecond > 0) {
            if (nowNanos < blockedUntilNanos) {
                violations++;
                if (suspendAfterViolations > 0 && violations >= suspendAfterViolations) {
                    suspended = true;
                    return new Rejection(403, null, "suspended: too many requests after 429");
                }
                long waitSeconds = Math.max(1, (blockedUntilNanos - nowNanos + 999_999_999L) / 1_000_000_000L);
                return new Rejection(429, (int) waitSeconds, "rate limit exceeded; Retry-After ignored");
            }
            while (!window.isEmpty() && nowNanos - window.peekFirst() >= 1_000_000_000L) {
                window.pollFirst();
            }
            if (window.size() >= rateLimitPerSecond) {
                blockedUntilNanos = nowNanos + retryAfterSeconds * 1_000_000_000L;
                return new Rejection(429, retryAfterSeconds, "rate limit exceeded");
            }
            window.addLast(nowNanos);
        }
        if (failNext > 0) {
            failNext--;
            return new Rejection(failNextStatus, null, "injected failure");
        }
        if (errorRate > 0 && random.nextDouble() < errorRate) {
            return new Rejection(errorRateStatus, null, "injected failure");
        }
        return null;
    }
}
