package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Sets up providers (through the admin API, disabled so the background worker leaves them alone) and claims runs. */
public final class EngineHarness {
    public static final TestDatabase DB = new TestDatabase("property-sync-service");

    private EngineHarness() {
    }

    public static String adminToken(String tenant) {
        return TestTokens.token(tenant, "admin-" + tenant, null, "admin");
    }

    public static UUID provider(String tenant, String name) {
        String id = given().auth().oauth2(adminToken(tenant)).contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","protocol":"reso-web-api","url":"http://mls.test/reso/odata",
                         "credentialsRef":"unit","enabled":false,"cron":"0 0 0/4 * * ?"}""".formatted(name))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Queues an on-demand run of this mode and claims it for owner (null if another owner holds the provider). */
    public static ClaimedRun claim(SyncCoordinator coordinator, SyncRunRepository runs, UUID providerId, String tenant,
                                   String mode, String owner) {
        return LeasedWorker.await(() -> Panache.withTransaction(() -> runs.open(providerId).chain(open -> open != null
                ? coordinator.claim(providerId, owner)
                : runs.insert(UUID.randomUUID(), providerId, tenant, mode, "on-demand", "queued")
                .chain(() -> coordinator.claim(providerId, owner)))));
    }

    public static long events(String type, String key) {
        return DB.count("SELECT count(*) FROM outbox_event WHERE type = ? AND aggregateid = ?", type, key);
    }
}
