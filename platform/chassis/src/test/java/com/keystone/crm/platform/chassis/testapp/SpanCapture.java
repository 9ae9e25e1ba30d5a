package com.keystone.crm.platform.chassis.testapp;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Test-only: every finished span of the test application, kept in memory (Quarkus exports to all SpanExporter beans). */
@Singleton
public class SpanCapture {
    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
