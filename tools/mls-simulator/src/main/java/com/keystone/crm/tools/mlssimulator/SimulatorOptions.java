package com.keystone.crm.tools.mlssimulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/** Everything the simulator is started with; immutable. Defaults are the contract's documented values. */
public final class SimulatorOptions {

    private final String host;
    private final int port;
    private final int listings;
    private final int photosPerListing;
    private final long seed;
    private final String retsUser;
    private final String retsPassword;
    private final String userAgent;
    private final String uaPassword;
    private final String oauthClientId;
    private final String oauthClientSecret;
    private final Duration tokenTtl;
    private final int retsMaxRows;
    private final int resoTopCap;
    private final ZoneOffset serverZoneOffset;
    private final Instant clockStart;
    private final int threads;
    private final Duration autoMutateEvery;

    private SimulatorOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.listings = b.listings;
        this.photosPerListing = b.photosPerListing;
        this.seed = b.seed;
        this.retsUser = b.retsUser;
        this.retsPassword = b.retsPassword;
        this.userAgent = b.userAgent;
        this.uaPassword = b.uaPassword;
        this.oauthClientId = b.oauthClientId;
        this.oauthClientSecret = b.oauthClientSecret;
        this.tokenTtl = b.tokenTtl;
        this.retsMaxRows = b.retsMaxRows;
        this.resoTopCap = b.resoTopCap;
        this.serverZoneOffset = b.serverZoneOffset;
        this.clockStart = b.clockStart;
        this.threads = b.threads;
        this.autoMutateEvery = b.autoMutateEvery;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public String host() { return host; }
    public int port() { return port; }
    public int listings() { return listings; }
    public int photosPerListing() { return photosPerListing; }
    public long seed() { return seed; }
    public String retsUser() { return retsUser; }
    public String retsPassword() { return retsPassword; }
    public String userAgent() { return userAgent; }
    /** Non-null means every RETS request must carry a valid RETS-UA-Authorization header. */
    public String uaPassword() { return uaPassword; }
    public String oauthClientId() { return oauthClientId; }
    public String oauthClientSecret() { return oauthClientSecret; }
    public Duration tokenTtl() { return tokenTtl; }
    public int retsMaxRows() { return retsMaxRows; }
    public int resoTopCap() { return resoTopCap; }
    /** The server's own zone, declared as SYSTEM TimeZoneOffset; zoneless query timestamps are read in it. */
    public ZoneOffset serverZoneOffset() { return serverZoneOffset; }
    /** Where the feed clock starts; null means 2026-01-01T00:00:00Z for every seed. */
    public Instant clockStart() { return clockStart; }
    public int threads() { return threads; }
    /** Non-null: the simulator mutates its feed on its own at this period (for the runnable process). */
    public Duration autoMutateEvery() { return autoMutateEvery; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.listings = listings;
        b.photosPerListing = photosPerListing;
        b.seed = seed;
        b.retsUser = retsUser;
        b.retsPassword = retsPassword;
        b.userAgent = userAgent;
        b.uaPassword = uaPassword;
        b.oauthClientId = oauthClientId;
        b.oauthClientSecret = oauthClientSecret;
        b.tokenTtl = tokenTtl;
        b.retsMaxRows = retsMaxRows;
        b.resoTopCap = resoTopCap;
        b.serverZoneOffset = serverZoneOffset;
        b.clockStart = clockStart;
        b.threads = threads;
        b.autoMutateEvery = autoMutateEvery;
        return b;
    }

    public static final class Builder {
        private String host = "localhost";
        private int port = 0;
        private int listings = 200;
        private int photosPerListing = 3;
        private long seed = 42L;
        private String retsUser = "rets-user";
        private String retsPassword = "rets-pass";
        private String userAgent = "KeystoneCRM/1.0";
        private String uaPassword;
        private String oauthClientId = "reso-client";
        private String oauthClientSecret = "reso-secret";
        private Duration tokenTtl = Duration.ofHours(1);
        private int retsMaxRows = 2500;
        private int resoTopCap = 1000;
        private ZoneOffset serverZoneOffset = ZoneOffset.ofHours(-5);
        private Instant clockStart;
        private int threads = 16;
        private Duration autoMutateEvery;

        private Builder() {
        }

        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder listings(int listings) { this.listings = requireNonNegative(listings, "listings"); return this; }
        public Builder photosPerListing(int n) { this.photosPerListing = requireNonNegative(n, "photosPerListing"); return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder retsUser(String v) { this.retsUser = Objects.requireNonNull(v); return this; }
        public Builder retsPassword(String v) { this.retsPassword = Objects.requireNonNull(v); return this; }
        public Builder userAgent(String v) { this.userAgent = Objects.requireNonNull(v); return this; }
        public Builder uaPassword(String v) { this.uaPassword = v; return this; }
        public Builder oauthClientId(String v) { this.oauthClientId = Objects.requireNonNull(v); return this; }
        public Builder oauthClientSecret(String v) { this.oauthClientSecret = Objects.requireNonNull(v); return this; }
        public Builder tokenTtl(Duration v) { this.tokenTtl = Objects.requireNonNull(v); return this; }
        public Builder retsMaxRows(int v) { this.retsMaxRows = requirePositive(v, "retsMaxRows"); return this; }
        public Builder resoTopCap(int v) { this.resoTopCap = requirePositive(v, "resoTopCap"); return this; }
        public Builder serverZoneOffset(ZoneOffset v) { this.serverZoneOffset = Objects.requireNonNull(v); return this; }
        public Builder clockStart(Instant v) { this.clockStart = v; return this; }
        public Builder threads(int v) { this.threads = requirePositive(v, "threads"); return this; }
        public Builder autoMutateEvery(Duration v) { this.autoMutateEvery = v; return this; }

        public SimulatorOptions build() {
            return new SimulatorOptions(this);
        }

        private static int requireNonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0");
            }
            return v;
        }

        private static int requirePositive(int v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0");
            }
            return v;
        }
    }
}
