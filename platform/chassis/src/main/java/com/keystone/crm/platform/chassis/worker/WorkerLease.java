package com.keystone.crm.platform.chassis.worker;

/**
 * What a {@link LeasedWorker} tells the code running one of its items.
 *
 * @param owner    the lease owner name of this one claim: every write of the item's work names it, so it changes
 *                 nothing once anyone (another replica, or another slot of this instance) took the item over
 * @param stopping answers true once the instance is shutting down: finish soon, or stop at a checkpoint and
 *                 leave the item (the worker then releases it, and another instance resumes it)
 */
public record WorkerLease(String owner, java.util.function.BooleanSupplier stopping) {
    public boolean isStopping() {
        return stopping.getAsBoolean();
    }
}
