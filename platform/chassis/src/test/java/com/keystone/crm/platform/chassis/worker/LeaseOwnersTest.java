package com.keystone.crm.platform.chassis.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Owner names: one per worker instance, one per claim under it, all within the lease_owner column. */
class LeaseOwnersTest {
    @Test
    void everyClaimOfAnInstanceHasItsOwnNameUnderTheInstancesName() {
        String instance = LeaseOwners.of("photos");
        String first = LeaseOwners.claim(instance, 1);
        String second = LeaseOwners.claim(instance, 2);

        assertThat(first).isNotEqualTo(second).startsWith(instance + "/");
        assertThat(LeaseOwners.isClaimOf(first, instance)).isTrue();
        assertThat(LeaseOwners.isClaimOf(first, LeaseOwners.of("photos"))).as("another instance of the same role").isFalse();
        assertThat(LeaseOwners.isClaimOf(instance, instance)).isFalse();
        assertThat(LeaseOwners.isClaimOf(instance + "/1x", instance)).isFalse();
        assertThat(LeaseOwners.isClaimOf(null, instance)).isFalse();
    }

    @Test
    void aLongRoleStillLeavesRoomForTheLargestClaimNumber() {
        String instance = LeaseOwners.of("r".repeat(300));
        String last = LeaseOwners.claim(instance, Long.MAX_VALUE);

        assertThat(instance).hasSizeLessThanOrEqualTo(LeaseOwners.MAX_LENGTH - LeaseOwners.CLAIM_SUFFIX);
        assertThat(last).hasSizeLessThanOrEqualTo(LeaseOwners.MAX_LENGTH).isEqualTo(instance + "/" + Long.MAX_VALUE);
        assertThat(LeaseOwners.isClaimOf(last, instance)).isTrue();
        // a hand-made instance name past the limit keeps the claim's unique end
        assertThat(LeaseOwners.claim("x".repeat(200), 7)).hasSize(LeaseOwners.MAX_LENGTH).endsWith("x/7");
        assertThatThrownBy(() -> LeaseOwners.claim(instance, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
