package com.keystone.crm.platform.chassis.revocation;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10 item 3: a service called directly refuses a token the gateway revoked (by jti, by session, every token
 * of a user) within seconds of the auth.access-revoked event, keeps doing so from the shared table (another replica,
 * a restart), and refuses nothing else: other tokens, other tenants, tokens issued after a user-wide cut.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class AccessRevocationHttpTest {
    private static final String SOURCE = "/api-gateway";

    @Inject
    AccessRevocations revocations;

    static Map<String, Object> claims(String tenant, String user) {
        return TestTokens.claimsOf(tenant, user, "agent");
    }

    static void accepted(String token) {
        given().auth().oauth2(token).get("/test/caller").then().statusCode(200);
    }

    static void refused(String token) {
        given().auth().oauth2(token).get("/test/caller").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    static AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> revocation(String tenant, String user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return AuthAccessRevoked.builder().withRevocationId(UUID.randomUUID()).withTenantId(tenant).withUserId(user)
                .withVersion(1L).withOccurredAt(now).withExpiresAt(now.plus(Duration.ofMinutes(20)))
                .withReason(AuthAccessRevoked.Reason.LOGOUT);
    }

    static void publish(AuthAccessRevoked r) {
        KafkaEvents.publish(r.getRevocationId().toString(), UUID.randomUUID(), SOURCE, r);
    }

    @Test
    void aRevokedJtiIsRefusedAndOtherTokensOfTheUserPass() {
        Map<String, Object> c = claims("acme", "rev-jti-user");
        String revoked = TestTokens.signClaims(c);
        String other = TestTokens.signClaims(claims("acme", "rev-jti-user"));
        accepted(revoked);

        publish(revocation("acme", "rev-jti-user").withJti((String) c.get("jti")).build());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> refused(revoked));
        accepted(other);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM revoked_access WHERE jti = ?", c.get("jti"))).isEqualTo(1);
    }

    @Test
    void aRevokedSessionRefusesEveryTokenOfIt() {
        Map<String, Object> first = claims("acme", "rev-sid-user");
        first.put("sid", "family-1");
        Map<String, Object> second = claims("acme", "rev-sid-user");
        second.put("sid", "family-1");
        Map<String, Object> otherSession = claims("acme", "rev-sid-user");
        otherSession.put("sid", "family-2");

        publish(revocation("acme", "rev-sid-user").withSessionId("family-1")
                .withReason(AuthAccessRevoked.Reason.TOKEN_FAMILY_REVOKED).build());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> refused(TestTokens.signClaims(first)));
        refused(TestTokens.signClaims(second));
        accepted(TestTokens.signClaims(otherSession));
    }

    @Test
    void aUserWideRevocationRefusesTokensIssuedBeforeItOnlyAndOnlyInItsTenant() {
        Map<String, Object> before = claims("acme", "rev-user");
        before.put("iat", Instant.now().minusSeconds(30).getEpochSecond());
        Map<String, Object> sameIdOtherTenant = claims("globex", "rev-user");
        sameIdOtherTenant.put("iat", Instant.now().minusSeconds(30).getEpochSecond());
        Map<String, Object> after = claims("acme", "rev-user");
        after.put("iat", Instant.now().plusSeconds(5).getEpochSecond());

        publish(revocation("acme", "rev-user").withReason(AuthAccessRevoked.Reason.USER_DEACTIVATED).build());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> refused(TestTokens.signClaims(before)));
        accepted(TestTokens.signClaims(sameIdOtherTenant));
        accepted(TestTokens.signClaims(after));
    }

    @Test
    void aRedeliveredRevocationIsStoredOnce() {
        AuthAccessRevoked r = revocation("acme", "rev-dup-user").withJti("dup-" + UUID.randomUUID()).build();
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(r.getRevocationId().toString(), eventId, SOURCE, r);
        KafkaEvents.publish(r.getRevocationId().toString(), eventId, SOURCE, r);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                ChassisDatabase.count("SELECT count(*) FROM consumed_event WHERE event_id = ?", eventId) == 1);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM revoked_access WHERE revocation_id = ?", r.getRevocationId()))
                .isEqualTo(1);
    }

    @Test
    void aRevocationAnotherReplicaStoredIsLearnedFromTheTable() {
        // what another replica consumed (or what this one consumed before a restart) reaches this memory by the reload
        Map<String, Object> c = claims("acme", "rev-replica-user");
        String token = TestTokens.signClaims(c);
        accepted(token);
        ChassisDatabase.DB.execute("INSERT INTO revoked_access (revocation_id, tenant_id, user_id, jti, reason, revoked_at, "
                + "expires_at) VALUES (?, 'acme', 'rev-replica-user', ?, 'logout', now(), now() + interval '10 minutes')",
                UUID.randomUUID(), c.get("jti"));
        revocations.reload();
        refused(token);
    }

    @Test
    void expiredRevocationsAreForgottenAndPurged() {
        Map<String, Object> c = claims("acme", "rev-expired-user");
        ChassisDatabase.DB.execute("INSERT INTO revoked_access (revocation_id, tenant_id, user_id, jti, reason, revoked_at, "
                + "expires_at) VALUES (?, 'acme', 'rev-expired-user', ?, 'logout', now() - interval '2 hours', "
                + "now() - interval '1 hour')", UUID.randomUUID(), c.get("jti"));
        revocations.reload();
        accepted(TestTokens.signClaims(c));
        revocations.purge();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM revoked_access WHERE jti = ?", c.get("jti"))).isZero();
    }

    @Test
    void aRevocationBreakingTheContractGoesToTheDeadLetters() {
        AuthAccessRevoked r = revocation("acme", "rev-bad-user").withJti("bad-" + UUID.randomUUID()).build();
        ObjectNode json = (ObjectNode) EventJson.toJson(r);
        json.remove("expiresAt");
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish("auth.access-revoked", r.getRevocationId().toString(), eventId, SOURCE, "acme", json);
        KafkaEvents.awaitEvent(ChassisTestResource.SERVICE + ".dlq", e -> e.key().equals(r.getRevocationId().toString()));
        assertThat(ChassisDatabase.count("SELECT count(*) FROM revoked_access WHERE revocation_id = ?", r.getRevocationId()))
                .isZero();
    }
}
