package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line a service jar is started with (booting a real jar is the service modules' ITs' part). */
class ServiceJarProcessTest {
    @Test
    void theTestsOwnPropertyReplacesTheStandardOneOfTheSameName() {
        ServiceJarProcess p = ServiceJarProcess.of("lead-service", "t", Map.of(
                "mp.jwt.verify.publickey.location", "http://localhost:1234/.well-known/jwks.json", "crm.extra", "x"));
        List<String> command = p.command(CrmTestEnvironment.get(), Path.of("/x/quarkus-run.jar"));

        assertThat(command).filteredOn(a -> a.startsWith("-Dmp.jwt.verify.publickey.location="))
                .containsExactly("-Dmp.jwt.verify.publickey.location=http://localhost:1234/.well-known/jwks.json");
        assertThat(command).contains("-Dcrm.extra=x", "-Dquarkus.http.port=" + p.port(),
                "-Dquarkus.management.port=" + p.managementPort(), "-Xmx256m");
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("-jar", "/x/quarkus-run.jar");
    }

    @Test
    void aBenchmarkRunsTheJvmsOwnJitAndCollectorInsteadOfTheBootSavingFlags() {
        ServiceJarProcess p = ServiceJarProcess.of("api-gateway", "t", Map.of(), "512m");
        assertThat(p.command(CrmTestEnvironment.get(), Path.of("/x/quarkus-run.jar")))
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

        List<String> command = p.jvmOptions().command(CrmTestEnvironment.get(), Path.of("/x/quarkus-run.jar"));

        assertThat(command).contains("-Xmx512m").noneMatch(a -> a.startsWith("-XX:"));
    }

    @Test
    void aServiceCanBeGivenTheHttpPortAGatewayRoutesTo() {
        int port = FreePorts.outsideEphemeralRange();
        ServiceJarProcess p = ServiceJarProcess.onPort("lead-service", "t", Map.of(), port);
        assertThat(p.port()).isEqualTo(port);
        assertThat(p.baseUrl()).isEqualTo("http://localhost:" + port);
        assertThat(p.managementPort()).isNotEqualTo(port);
        assertThat(ServiceJarProcess.of("lead-service", "t", Map.of()).port()).isPositive();
        assertThatThrownBy(() -> ServiceJarProcess.onPort("lead-service", "t", Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceJarProcess.of("lead-service", "t", Map.of()).awaitReady())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not launched");
    }
}
