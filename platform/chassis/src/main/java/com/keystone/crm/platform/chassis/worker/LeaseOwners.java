package com.keystone.crm.platform.chassis.worker;

import java.net.InetAddress;
import java.util.UUID;

/**
 * Lease owner names. A worker instance has a name unique to it ({@code host/role/uuid}); each of its claims gets that
 * name plus a claim number ({@code host/role/uuid/n}), so the fencing of a lease is per claim: when one thread's lease
 * runs out and another thread of the same instance takes the item over, the first thread's writes (guarded by
 * {@code lease_owner = its claim's name}) change nothing. Names are at most {@link #MAX_LENGTH} characters.
 */
public final class LeaseOwners {
    public static final int MAX_LENGTH = 128;
    /** room kept after an instance name for "/" and a claim number (a long has at most 19 digits) */
    static final int CLAIM_SUFFIX = 20;

    private LeaseOwners() {
    }

    /** A name unique to one worker of one process; every claim's name starts with it and "/". */
    public static String of(String role) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + "/" + role + "/" + UUID.randomUUID();
        // the uuid at the end is what makes it unique: cut from the front
        int max = MAX_LENGTH - CLAIM_SUFFIX;
        return name.length() <= max ? name : name.substring(name.length() - max);
    }

    /** The owner name of claim number {@code claim} of the worker named {@code instance} (from {@link #of}). */
    public static String claim(String instance, long claim) {
        if (claim < 0) {
            throw new IllegalArgumentException("claim numbers are not negative");
        }
        String name = instance + "/" + claim;
        // an instance name from of() always leaves room; a longer one given by hand keeps its unique end
        return name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }

    /** Whether {@code claimOwner} is one of the claims of the worker named {@code instance}. */
    public static boolean isClaimOf(String claimOwner, String instance) {
        return claimOwner != null && instance != null && claimOwner.startsWith(instance + "/")
                && claimOwner.substring(instance.length() + 1).chars().allMatch(Character::isDigit);
    }
}
