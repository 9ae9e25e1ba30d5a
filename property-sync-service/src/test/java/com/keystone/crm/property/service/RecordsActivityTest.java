package com.keystone.crm.property.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordsActivityTest {

    @Test
    void photoCopiesYieldToARecordsPhaseButNeverStop() {
        RecordsActivity activity = new RecordsActivity();
        assertThat(activity.photoSlots(4, 1)).isEqualTo(4);
        activity.started();
        activity.started();
        assertThat(activity.running()).isTrue();
        assertThat(activity.photoSlots(4, 1)).isEqualTo(1);
        assertThat(activity.photoSlots(4, 0)).isEqualTo(1);
        assertThat(activity.photoSlots(2, 8)).isEqualTo(2);
        activity.ended();
        assertThat(activity.photoSlots(4, 1)).isEqualTo(1); // another run is still in its records phase
        activity.ended();
        assertThat(activity.running()).isFalse();
        assertThat(activity.photoSlots(4, 1)).isEqualTo(4);
    }
}
