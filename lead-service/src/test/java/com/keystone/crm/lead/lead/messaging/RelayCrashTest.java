package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CdcRelayProcess;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of the relay while leads are being created, then a restart: every event arrives (at least once). */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class RelayCrashTest {
    static final String TENANT = "crash-realty";
    static final String AGENT = "agent-kim";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "team-k", "agent");
    }

    @Test
    void noEventIsLostWhenTheRelayIsKilled() {
        CdcRelayProcess relay = CrmTestEnvironment.get().relay();
        relay.awaitStreaming(Duration.ofSeconds(60));
        String token = TestTokens.token(TENANT, AGENT, "team-k", "agent");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i == 20) {
                relay.kill();
            }
            ids.add(given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"lastName\":\"Crash" + i + "\",\"source\":\"website\"}")
                    .post("/api/v1/leads").then().statusCode(201).extract().path("id"));
        }
        assertThat(relay.isAlive()).isFalse();
        relay.start();

        Set<String> expected = new HashSet<>(ids);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Set<String> seen = KafkaEvents.readAll("lead.created").stream()
                    .map(CapturedEvent::key).filter(expected::contains).collect(Collectors.toSet());
            return seen.size() == expected.size();
        });
    }
}
