package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The application's own work-item worker, started and stopped with the application by the base class. It polls
 * only once an hour, so whatever it finishes quickly it found because it was woken.
 */
@ApplicationScoped
public class WakeableWorkItemWorker extends WorkItemWorker {
    public WakeableWorkItemWorker() {
        super("work-items", WorkerSettings.single(true, Duration.ofHours(1), Duration.ofSeconds(5)), Duration.ofSeconds(30));
    }
}
