package com.keystone.crm.tools.fakes.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResetEpochTest {

    @Test
    void workGuardedBeforeAResetDoesNothingAfterItAndNewWorkRuns() {
        ResetEpoch resets = new ResetEpoch();
        AtomicInteger ran = new AtomicInteger();
        Runnable stale = resets.guard(ran::incrementAndGet);
        Runnable kept = resets.guard(ran::incrementAndGet);
        kept.run();
        assertThat(ran).hasValue(1);

        resets.advance();
        stale.run();
        assertThat(ran).as("scheduled before the reset").hasValue(1);
        resets.guard(ran::incrementAndGet).run();
        assertThat(ran).hasValue(2);
    }
}
