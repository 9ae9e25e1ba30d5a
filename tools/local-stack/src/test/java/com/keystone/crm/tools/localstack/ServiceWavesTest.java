package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceWavesTest {
    private record Svc(ServiceSpec spec) implements ServiceWaves.HasSpec {
    }

    private static List<Svc> all() {
        return ServiceSpec.ALL.stream().map(Svc::new).toList();
    }

    private static List<List<String>> names(List<List<Svc>> waves) {
        return waves.stream().map(w -> w.stream().map(s -> s.spec().name()).toList()).toList();
    }

    @Test
    void theGatewayBootsAloneThenTheOthersInWavesInTheirOrder() {
        assertThat(names(ServiceWaves.of(all(), 2))).containsExactly(
                List.of("api-gateway"),
                List.of("lead-service", "property-sync-service"),
                List.of("workflow-service", "scoring-service"),
                List.of("notification-service"));
        assertThat(names(ServiceWaves.of(all(), 5))).containsExactly(
                List.of("api-gateway"),
                List.of("lead-service", "property-sync-service", "workflow-service", "scoring-service", "notification-service"));
        assertThat(ServiceWaves.of(all(), 1)).hasSize(6).allSatisfy(w -> assertThat(w).hasSize(1));
    }

    @Test
    void withoutTheGatewayTheOthersStillStart() {
        List<Svc> noGateway = all().subList(1, 6);
        assertThat(names(ServiceWaves.of(noGateway, 3))).containsExactly(
                List.of("lead-service", "property-sync-service", "workflow-service"),
                List.of("scoring-service", "notification-service"));
        assertThat(ServiceWaves.of(List.<Svc>of(), 3)).isEmpty();
    }

    @Test
    void parallelismFromTheEnvironmentFallsBackOnNonsense() {
        assertThat(ServiceWaves.parse(null)).isEqualTo(ServiceWaves.DEFAULT_PARALLELISM);
        assertThat(ServiceWaves.parse(" 2 ")).isEqualTo(2);
        assertThat(ServiceWaves.parse("0")).isEqualTo(ServiceWaves.DEFAULT_PARALLELISM);
        assertThat(ServiceWaves.parse("many")).isEqualTo(ServiceWaves.DEFAULT_PARALLELISM);
        assertThatThrownBy(() -> ServiceWaves.of(all(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
