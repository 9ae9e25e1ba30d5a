package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendsTest {
    private final AtomicInteger probes = new AtomicInteger();
    private final BooleanSupplier docker = () -> {
        probes.incrementAndGet();
        return true;
    };
    private final BooleanSupplier noDocker = () -> {
        probes.incrementAndGet();
        return false;
    };

    @Test
    void embeddedUnlessAskedAndDockerIsNotEvenProbed() {
        Backends b = Backends.select(Map.of(), Map.of(), docker);
        assertThat(b.kind()).isEqualTo(Backends.Kind.EMBEDDED);
        assertThat(b.reason()).contains("embedded").contains("CRM_TESTKIT_CONTAINERS=true");
        assertThat(probes).hasValue(0);
        assertThat(Backends.select(Map.of(), Map.of("CRM_TESTKIT_CONTAINERS", "false"), docker).containers()).isFalse();
        assertThat(probes).hasValue(0);
    }

    @Test
    void containersWhenAskedAndDockerIsReachable() {
        Backends b = Backends.select(Map.of(), Map.of("CRM_TESTKIT_CONTAINERS", "true"), docker);
        assertThat(b.kind()).isEqualTo(Backends.Kind.CONTAINERS);
        assertThat(b.reason()).contains("Testcontainers").contains("postgres:17").contains("apache/kafka").contains("minio");
        assertThat(probes).hasValue(1);
    }

    @Test
    void embeddedWithTheReasonWhenAskedButNoDocker() {
        Backends b = Backends.select(Map.of("crm.testkit.containers", "true"), Map.of(), noDocker);
        assertThat(b.kind()).isEqualTo(Backends.Kind.EMBEDDED);
        assertThat(b.reason()).contains("-Dcrm.testkit.containers asks for Testcontainers but no Docker engine");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(Backends.select(Map.of("crm.testkit.containers", "false"), Map.of("CRM_TESTKIT_CONTAINERS", "true"),
                docker).containers()).isFalse();
        assertThat(Backends.select(Map.of("crm.testkit.containers", "TRUE"), Map.of("CRM_TESTKIT_CONTAINERS", "false"),
                docker).containers()).isTrue();
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseIsRefusedByName() {
        assertThatThrownBy(() -> Backends.select(Map.of(), Map.of("CRM_TESTKIT_CONTAINERS", "sometimes"), docker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRM_TESTKIT_CONTAINERS")
                .hasMessageContaining("sometimes");
    }

    @Test
    void thisMachineRunsEmbedded() {
        // no Docker engine on the project's machines and CI: the shared environment is the embedded one
        assertThat(CrmTestEnvironment.get().backends().containers()).isFalse();
    }
}
