package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.problem.UploadLimit;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The test application's upload route, as a service declares its own: 16 KiB instead of the 4 KiB JSON limit. */
public class ProbeUploadLimit {
    public static final long LIMIT = 16 * 1024;

    @Produces
    @Singleton
    UploadLimit probeUpload() {
        return UploadLimit.post("/test/problems/upload", LIMIT);
    }
}
