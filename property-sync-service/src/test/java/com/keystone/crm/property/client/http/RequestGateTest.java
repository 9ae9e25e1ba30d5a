package com.keystone.crm.property.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The budget rules on a fake clock: evenly spaced requests, a media quota per hour, pauses that never shrink. */
class RequestGateTest {

    @Test
    void requestsPerSecondSpacesRequestsEvenly() {
        FakeWaiter clock = new FakeWaiter();
        RequestGate gate = new RequestGate(4.0, 0, clock);
        for (int i = 0; i < 9; i++) {
            gate.acquire(false);
        }
        // the first leaves at once, the next eight each 250 ms after the one before
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fractionalRatesAndNoBudget() {
        FakeWaiter clock = new FakeWaiter();
        RequestGate slow = new RequestGate(0.5, 0, clock);
        slow.acquire(false);
        slow.acquire(false);
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(2));

        FakeWaiter free = new FakeWaiter();
        RequestGate unlimited = new RequestGate(0, 0, free);
        for (int i = 0; i < 100; i++) {
            unlimited.acquire(true);
        }
        assertThat(free.sleeps).isEmpty();
    }

    @Test
    void mediaQuotaPerHourHoldsTheMediaBackButNotOtherRequests() {
        FakeWaiter clock = new FakeWaiter();
        RequestGate gate = new RequestGate(0, 3, clock);
        gate.acquire(true);
        gate.acquire(true);
        gate.acquire(true);
        assertThat(clock.sleeps).isEmpty();
        gate.acquire(false);
        assertThat(clock.sleeps).isEmpty();
        gate.acquire(true); // the fourth photo of the hour waits for a token: 20 minutes at 3 per hour
        assertThat(clock.slept()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aPauseHoldsEveryRequestAndNeverShrinks() {
        FakeWaiter clock = new FakeWaiter();
        RequestGate gate = new RequestGate(0, 0, clock);
        gate.pauseUntil(clock.now().plusSeconds(30));
        gate.pauseUntil(clock.now().plusSeconds(5)); // a shorter Retry-After later does not cut the first short
        gate.acquire(false);
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
        gate.acquire(false);
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aQuotaResetFarAwayIsCappedAtAnHour() {
        FakeWaiter clock = new FakeWaiter();
        RequestGate gate = new RequestGate(0, 0, clock);
        gate.pauseUntil(clock.now().plus(Duration.ofDays(2)));
        assertThat(gate.pausedUntil()).isEqualTo(clock.now().plus(RequestGate.MAX_QUOTA_WAIT));
    }
}
