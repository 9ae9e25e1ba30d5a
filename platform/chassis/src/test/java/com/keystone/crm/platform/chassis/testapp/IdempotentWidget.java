package com.keystone.crm.platform.chassis.testapp;

/** Body of the test application's idempotent create: a name, how long to hold the transaction, whether to fail. */
public record IdempotentWidget(String name, long holdMillis, boolean fail) {
}
