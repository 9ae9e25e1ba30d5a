package com.keystone.crm.lead.routing.service;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** If-Match forms clients send, and which failures count as a lost race. */
class RoutingPreconditionsTest {

    @Test
    void ifMatchAcceptsStrongListedAndAnyTagsButNeverAWeakOne() {
        assertThatCode(() -> RoutingPreconditions.check("\"3\"", 3, true)).doesNotThrowAnyException();
        // RFC 9110 13.1.1: If-Match compares strongly (issue #17)
        assertThatThrownBy(() -> RoutingPreconditions.check("W/\"3\"", 3, true))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(412));
        assertThatCode(() -> RoutingPreconditions.check("\"1\", \"3\"", 3, true)).doesNotThrowAnyException();
        assertThatCode(() -> RoutingPreconditions.check("*", 3, true)).doesNotThrowAnyException();
        assertThatCode(() -> RoutingPreconditions.check(null, 3, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RoutingPreconditions.check("\"2\"", 3, false))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(412));
        assertThatThrownBy(() -> RoutingPreconditions.check("garbage", 3, false))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(412));
        assertThatThrownBy(() -> RoutingPreconditions.check(" ", 3, true))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(428));
    }

    @Test
    void staleRowsAreALostRaceOtherFailuresAreNot() {
        assertThat(RoutingPreconditions.lostRace(new RuntimeException(new StaleObjectStateException("Lead", 1)))).isTrue();
        assertThat(RoutingPreconditions.lostRace(new OptimisticLockException("stale"))).isTrue();
        assertThat(RoutingPreconditions.lostRace(new IllegalStateException("boom"))).isFalse();
    }
}
