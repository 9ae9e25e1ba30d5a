package com.keystone.crm.platform.cdcrelay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParentWatchTest {
    @Test
    void parsesAPidAndIgnoresGarbage() {
        assertThat(ParentWatch.parse(" 4242 ")).contains(4242L);
        assertThat(ParentWatch.parse("not-a-pid")).isEmpty();
    }
}
