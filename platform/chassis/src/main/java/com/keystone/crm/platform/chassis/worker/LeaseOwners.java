package com.keystone.crm.platform.chassis.worker;

import java.net.InetAddress;
import java.util.UUID;

/** Lease owner names unique to one worker of one process: {@code host/role/uuid}, at most 128 characters. */
public final class LeaseOwners {
    public static final int MAX_LENGTH = 128;

    private LeaseOwners() {
    }

    public static String of(String role) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + "/" + role + "/" + UUID.randomUUID();
        // the uuid at the end is what makes it unique: cut from the front
        return name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }
}
