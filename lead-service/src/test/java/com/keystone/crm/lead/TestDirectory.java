package com.keystone.crm.lead;

import com.keystone.crm.platform.testkit.KafkaEvents;
import io.restassured.RestAssured;
import com.keystone.crm.platform.testkit.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Provisions tenants and agents the way production does: a user.created event on Kafka (as the api-gateway
 * publishes it), consumed by lead-service.
 */
public final class TestDirectory {
    public static final TestDatabase DB = new TestDatabase("lead-service");

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private TestDirectory() {
    }

    public static void ensureUser(String tenant, String userId, String team, String... roles) {
        if (DB.count("SELECT count(*) FROM agent WHERE user_id = ?", userId) > 0) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("userId", userId);
        payload.put("tenantId", tenant);
        payload.put("teamId", team);
        payload.put("email", userId + "@" + tenant + ".test");
        payload.put("displayName", userId);
        payload.put("roles", new ArrayList<>(List.of(roles)));
        payload.put("active", true);
        payload.put("version", 1);
        payload.put("occurredAt", Instant.now().toString());
        KafkaEvents.publish("user.created", userId, UUID.randomUUID(), "/api-gateway", tenant, payload);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> DB.count("SELECT count(*) FROM agent WHERE user_id = ?", userId) == 1);
    }
}
