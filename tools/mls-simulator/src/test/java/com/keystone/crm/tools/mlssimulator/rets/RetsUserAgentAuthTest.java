package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;

import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetsUserAgentAuthTest {

    private static MlsSimulator sim;

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimulatorOptions.builder().listings(10).userAgent("KeystoneCRM/1.0")
                .uaPassword("ua-secret").build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theRightUaDigestLogsInAndSearches() throws Exception {
        try (RetsTestClient c = new RetsTestClient(sim, "rets-user", "rets-pass", "KeystoneCRM/1.0", "ua-secret")) {
            assertThat(c.login().status()).isEqualTo(200);
            RetsTestClient.Reply r = c.search("(LIST_15=|A,U,P,S,W,X,C)", "Limit", "2");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).contains("ReplyCode=\"0\"");
        }
    }

    @Test
    void aMissingOrWrongUaDigestIsRefused() throws Exception {
        try (RetsTestClient none = new RetsTestClient(sim, "rets-user", "rets-pass")) {
            RetsTestClient.Reply r = none.login();
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.text()).contains("20041");
        }
        try (RetsTestClient wrong = new RetsTestClient(sim, "rets-user", "rets-pass", "KeystoneCRM/1.0", "nope")) {
            assertThat(wrong.login().status()).isEqualTo(401);
        }
        try (RetsTestClient otherAgent = new RetsTestClient(sim, "rets-user", "rets-pass", "Other/2.0", "ua-secret")) {
            assertThat(otherAgent.login().status()).isEqualTo(401);
        }
    }
}
