package com.keystone.crm.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeAndNoneTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.outsideEphemeralRange();
            assertThat(port).isBetween(20000, 31999);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }
}
