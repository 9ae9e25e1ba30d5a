package com.keystone.crm.property.service;

import java.net.InetAddress;
import java.util.UUID;

/** A lease owner name unique to this instance: host/uuid. */
final class WorkerNames {
    private WorkerNames() {
    }

    static String of(String role) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + "/" + role + "/" + UUID.randomUUID();
        return name.length() <= 128 ? name : name.substring(name.length() - 128);
    }
}
