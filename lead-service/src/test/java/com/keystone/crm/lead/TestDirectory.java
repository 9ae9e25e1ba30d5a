package com.keystone.crm.lead;

import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserRole;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import io.restassured.RestAssured;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
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
        Set<UserRole> userRoles = new LinkedHashSet<>();
        for (String role : roles) {
            userRoles.add(UserRole.fromValue(role));
        }
        UserCreated payload = UserCreated.builder()
                .withUserId(userId)
                .withTenantId(tenant)
                .withTeamId(team)
                .withEmail(userId + "@" + tenant + ".test")
                .withDisplayName(userId)
                .withRoles(userRoles)
                .withActive(true)
                .withVersion(1L)
                .withOccurredAt(Instant.now())
                .build();
        KafkaEvents.publish(userId, UUID.randomUUID(), "/api-gateway", payload);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> DB.count("SELECT count(*) FROM agent WHERE user_id = ?", userId) == 1);
    }
}
