package com.keystone.crm.property.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.property.client.rets.RetsClient;
import com.keystone.crm.property.client.reso.ResoClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultMlsProviderFactoryTest {

    @Test
    void clientsOfOneProviderShareOneGateAndAChangedLimitKeepsTheRunningPause() {
        DefaultMlsProviderFactory factory = new DefaultMlsProviderFactory();
        com.keystone.crm.property.client.http.HttpPolicy twoPerSecond = com.keystone.crm.property.client.http.HttpPolicy.from(settings("rets"));
        var gate = factory.gate("p", twoPerSecond);
        assertThat(factory.gate("p", twoPerSecond)).isSameAs(gate);
        assertThat(factory.gate("other", twoPerSecond)).isNotSameAs(gate);
        java.time.Instant until = java.time.Instant.now().plusSeconds(30);
        gate.pauseUntil(until); // a 429 seen by the first client
        ProviderSettings faster = new ProviderSettings("p", "rets", "http://127.0.0.1:9/x", null, "u", "p", "UA/1", null, null, false,
                null, null, null, Map.of(), ZoneOffset.UTC, 100, 5, 0, null);
        var rebuilt = factory.gate("p", com.keystone.crm.property.client.http.HttpPolicy.from(faster));
        assertThat(rebuilt).isNotSameAs(gate);
        assertThat(rebuilt.pausedUntil()).isEqualTo(until);
        assertThat(rebuilt.hasLimits(5, 0)).isTrue();
    }

    private static ProviderSettings settings(String protocol) {
        return new ProviderSettings("p", protocol, "http://127.0.0.1:9/x", null, "u", "p", "UA/1", null, null, false, null, null,
                null, Map.of(), ZoneOffset.UTC, 100, 2, 0, null);
    }

    @Test
    void choosesTheClientByProtocol() {
        DefaultMlsProviderFactory factory = new DefaultMlsProviderFactory();
        try (MlsProvider rets = factory.open(settings("rets")); MlsProvider reso = factory.open(settings("reso-web-api"))) {
            assertThat(rets).isInstanceOf(RetsClient.class);
            assertThat(rets.protocol()).isEqualTo("rets");
            assertThat(reso).isInstanceOf(ResoClient.class);
            assertThat(reso.protocol()).isEqualTo("reso-web-api");
            assertThat(reso.usage()).isEqualTo(new ProviderUsage(0, 0, 0, null, null, null, "CLOSED"));
        }
        assertThatThrownBy(() -> factory.open(settings("ftp"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> factory.open(settings(null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MlsException(MlsException.Kind.REJECTED, 200, 20203, "no offset", null).getMessage())
                .isEqualTo("REJECTED HTTP 200 RETS 20203: no offset");
        assertThat(Duration.ofSeconds(60)).isEqualTo(com.keystone.crm.property.client.http.HttpPolicy.from(settings("rets")).requestTimeout());
    }
}
