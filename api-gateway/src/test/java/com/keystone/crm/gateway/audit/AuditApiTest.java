package com.keystone.crm.gateway.audit;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.platform.contracts.events.AuditRecorded;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10 item 4: one audit API at the gateway shows the gateway's security audit and the services' data access
 * (audit.recorded, consumed once), to the tenant's admins only, filtered by source and action; bad filters are 400s.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuditApiTest {
    static final TestDatabase DB = new TestDatabase("api-gateway");

    static AuditRecorded access(String tenant, String action, String target) {
        return AuditRecorded.builder().withAuditId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).withService("lead-service").withAction(action)
                .withActorId("lead-admin-1").withTargetId(target).withMethod("DELETE").withPath("/api/v1/leads/" + target)
                .withStatus(204L).withClientIp("203.0.113.9").withPeerIp("10.1.2.3").withUserAgent("KeystoneApp/3.1")
                .withRequestId("req-" + target).build();
    }

    @Test
    void theServicesDataAccessIsReadBesideTheSecurityAudit() {
        String admin = Logins.adminToken();
        String target = UUID.randomUUID().toString();
        AuditRecorded r = access(GatewayTestResource.TENANT, "lead.deleted", target);
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(r.getAuditId().toString(), eventId, "/lead-service", r);
        KafkaEvents.publish(r.getAuditId().toString(), eventId, "/lead-service", r);   // redelivered: kept once

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/admin/audit-events?source=data-access&action=lead.deleted").then().statusCode(200)
                .body("findAll { it.targetId == '" + target + "' }.size()", equalTo(1)));
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?source=lead-service&limit=500").then().statusCode(200)
                .body("find { it.targetId == '" + target + "' }.source", equalTo("lead-service"))
                .body("find { it.targetId == '" + target + "' }.actorId", equalTo("lead-admin-1"))
                .body("find { it.targetId == '" + target + "' }.ip", equalTo("203.0.113.9"))
                .body("find { it.targetId == '" + target + "' }.userAgent", equalTo("KeystoneApp/3.1"))
                .body("find { it.targetId == '" + target + "' }.requestId", equalTo("req-" + target))
                .body("find { it.targetId == '" + target + "' }.detail", equalTo("DELETE /api/v1/leads/" + target + " -> 204; peer 10.1.2.3"));
        // the security audit alone does not show it; the whole audit shows both kinds
        List<String> security = given().auth().oauth2(admin).get("/api/v1/admin/audit-events?source=security&limit=500")
                .then().statusCode(200).extract().path("source");
        assertThat(security).isNotEmpty().containsOnly("api-gateway");
        List<String> all = given().auth().oauth2(admin).get("/api/v1/admin/audit-events?limit=500").then().statusCode(200)
                .extract().path("source");
        assertThat(all).contains("api-gateway", "lead-service");
    }

    @Test
    void anotherTenantsDataAccessIsNotShown() {
        String admin = Logins.adminToken();
        String target = UUID.randomUUID().toString();
        UUID foreignEvent = UUID.randomUUID();
        KafkaEvents.publish(UUID.randomUUID().toString(), foreignEvent, "/lead-service", access("someone-else", "lead.exported", target));
        // stored (under its own tenant) before the admin looks
        await().atMost(Duration.ofSeconds(20)).until(() ->
                DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?", foreignEvent) == 1);
        assertThat(DB.count("SELECT count(*) FROM audit_event WHERE target_id = ? AND tenant_id = 'someone-else'", target)).isEqualTo(1);
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=lead.exported&limit=500").then().statusCode(200)
                .body("findAll { it.targetId == '" + target + "' }.size()", equalTo(0));
    }

    @Test
    void hostileFiltersAreProblemsNamingTheParameter() {
        String admin = Logins.adminToken();
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?source=Robert');DROP").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("source"));
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?action=" + "a".repeat(65)).then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?limit=0").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?limit=99999999999").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/admin/audit-events?source=%01").then().statusCode(400)
                .contentType("application/problem+json");
        String agentEmail = Logins.uniqueEmail("audit-agent");
        Logins.createUser(admin, agentEmail, null, "agent");
        given().auth().oauth2(Logins.login(agentEmail, Logins.PASSWORD).getString("accessToken"))
                .get("/api/v1/admin/audit-events").then().statusCode(403);
    }
}
