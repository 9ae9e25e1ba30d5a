package com.keystone.crm.property.e2e;

import software.amazon.awssdk.services.s3.S3Client;

/** The e2e tests' S3 client (s3proxy of the test environment), for tests of other packages. */
public final class SimulatorSyncTestAccess {
    private SimulatorSyncTestAccess() {
    }

    public static S3Client s3() {
        return SimulatorSyncTest.s3();
    }
}
