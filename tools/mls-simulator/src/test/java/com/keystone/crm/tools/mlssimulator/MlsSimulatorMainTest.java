package com.keystone.crm.tools.mlssimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MlsSimulatorMainTest {

    @Test
    void flagsBecomeOptions() {
        SimulatorOptions o = MlsSimulatorMain.parse(new String[] {"--port", "0", "--listings", "12", "--photos", "2",
                "--seed", "7", "--rets-user", "u", "--rets-password", "p", "--user-agent", "UA/1", "--ua-password",
                "x", "--client-id", "c", "--client-secret", "s", "--token-ttl", "90s", "--rets-max-rows", "100",
                "--top-cap", "50", "--zone", "+02:00", "--threads", "4", "--mutate-every", "PT30S", "--host",
                "127.0.0.1"});
        assertThat(o.port()).isZero();
        assertThat(o.listings()).isEqualTo(12);
        assertThat(o.photosPerListing()).isEqualTo(2);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.retsUser()).isEqualTo("u");
        assertThat(o.retsPassword()).isEqualTo("p");
        assertThat(o.userAgent()).isEqualTo("UA/1");
        assertThat(o.uaPassword()).isEqualTo("x");
        assertThat(o.oauthClientId()).isEqualTo("c");
        assertThat(o.oauthClientSecret()).isEqualTo("s");
        assertThat(o.tokenTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.retsMaxRows()).isEqualTo(100);
        assertThat(o.resoTopCap()).isEqualTo(50);
        assertThat(o.serverZoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(o.threads()).isEqualTo(4);
        assertThat(o.autoMutateEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.toBuilder().build().seed()).isEqualTo(7);
    }

    @Test
    void defaultsAndHelp() {
        SimulatorOptions o = MlsSimulatorMain.parse(new String[0]);
        assertThat(o.port()).isEqualTo(8070);
        assertThat(o.listings()).isEqualTo(500);
        assertThat(o.photosPerListing()).isEqualTo(5);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(MlsSimulatorMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void badFlagsAreExplained() {
        assertThatThrownBy(() -> MlsSimulatorMain.parse(new String[] {"--port"})).hasMessageContaining("missing value");
        assertThatThrownBy(() -> MlsSimulatorMain.parse(new String[] {"--nope", "1"})).hasMessageContaining("unknown");
        assertThatThrownBy(() -> MlsSimulatorMain.parse(new String[] {"--port", "x"})).hasMessageContaining("bad value");
        assertThatThrownBy(() -> MlsSimulatorMain.parse(new String[] {"--listings", "-1"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MlsSimulatorMain.parse(new String[] {"--token-ttl", "5y"}))
                .hasMessageContaining("bad value");
    }

    @Test
    void durations() {
        assertThat(MlsSimulatorMain.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(MlsSimulatorMain.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(MlsSimulatorMain.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(MlsSimulatorMain.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theBannerNamesEveryUrl() {
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().listings(5).build())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MlsSimulatorMain.printBanner(sim, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(sim.retsLoginUrl(), sim.resoServiceRoot(),
                    sim.oauthTokenUrl(), "rets-user / rets-pass", "reso-client / reso-secret", "5 listings");
            assertThat(TestHttp.get(sim.retsLoginUrl()).statusCode()).isEqualTo(401);
        }
    }
}
