package com.keystone.crm.platform.chassis;

import com.keystone.crm.platform.testkit.CrmServiceResource;

/**
 * The real PostgreSQL and Kafka of platform/testkit for the chassis's test application ({@code chassis-test});
 * one boot shared by every {@code @QuarkusTest} class of the module. No CDC relay: deploy/connect has no
 * connector for this database, and the chassis tests read {@code outbox_event} directly (the relay is tested
 * with real services and in the testkit).
 */
public class ChassisTestResource extends CrmServiceResource {
    public static final String SERVICE = "chassis-test";

    public ChassisTestResource() {
        super(SERVICE, false);
    }
}
