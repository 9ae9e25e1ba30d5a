package com.keystone.crm.platform.chassis.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's clock: the system clock in UTC. A default bean, so a test (platform/testkit's {@code TestClock})
 * or another environment can replace it by declaring a {@link Clock} bean of its own.
 */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
