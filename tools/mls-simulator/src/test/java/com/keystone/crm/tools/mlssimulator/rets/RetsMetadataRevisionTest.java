package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;

import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class RetsMetadataRevisionTest {

    @Test
    void aNewRevisionIsAnnouncedByTheNextLoginAndServedByGetMetadata() throws Exception {
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().listings(5).build());
                RetsTestClient client = new RetsTestClient(sim, "rets-user", "rets-pass")) {
            assertThat(client.login().text()).contains("MetadataVersion=1.00.000",
                    "MetadataTimestamp=2025-12-01T00:00:00Z");
            sim.feed().advanceClock(Duration.ofDays(2));
            Instant at = sim.bumpRetsMetadata();
            assertThat(at).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
            assertThat(client.login().text()).contains("MetadataVersion=1.00.001", "MinMetadataVersion=1.00.001",
                    "MetadataTimestamp=2026-01-03T00:00:00Z", "MinMetadataTimestamp=2026-01-03T00:00:00Z");
            RetsTestClient.Reply system = client.transaction("getmetadata", Map.of("Type", "METADATA-SYSTEM",
                    "ID", "0"));
            Element meta = (Element) RetsProtocolTest.xml(system).getElementsByTagName("METADATA-SYSTEM").item(0);
            assertThat(meta.getAttribute("Version")).isEqualTo("1.00.001");
            assertThat(meta.getAttribute("Date")).isEqualTo("2026-01-03T00:00:00Z");
            sim.bumpRetsMetadata();
            assertThat(client.login().text()).contains("MetadataVersion=1.00.002");
        }
    }
}
