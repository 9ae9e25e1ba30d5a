package com.keystone.crm.property.service;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.keystone.crm.property.service.EngineHarness.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The photo queue's failure handling: a failed copy backs off and is retried, a hopeless one is given up and reported. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class PhotoQueueTest {

    @Test
    void failedCopiesBackOffAndAreGivenUpAfterTheLastAttempt() {
        String tenant = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(1).photosPerListing(1)
                .seed(3L).oauthClientId("reso-client").oauthClientSecret("reso-secret").build())) {
            String provider = given().auth().oauth2(TestTokens.token(tenant, "admin-1", null, "admin"))
                    .contentType(ContentType.JSON).body("""
                            {"name":"photos","protocol":"reso-web-api","url":"%s","tokenUrl":"%s",
                             "credentialsRef":"sim-reso","cron":"0 0 0 1 1 ?"}""".formatted(sim.resoServiceRoot(), sim.oauthTokenUrl()))
                    .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
            DB.execute("INSERT INTO property (provider_id, listing_key, tenant_id, modification_timestamp, listing, content_hash) "
                    + "VALUES (cast(? as uuid), 'P1', ?, now(), '{}'::jsonb, repeat('0', 64))", provider, tenant);
            String missing = sim.baseUrl() + "/media/NO-SUCH-PHOTO.jpg";
            for (String key : new String[] {"fresh", "last-chance"}) {
                DB.execute("INSERT INTO media (provider_id, media_key, listing_key, media_order, provider_url) "
                        + "VALUES (cast(? as uuid), ?, 'P1', 1, ?)", provider, key, missing);
            }
            DB.execute("INSERT INTO photo_task (provider_id, tenant_id, media_key, listing_key, media_order, provider_url, "
                    + "priority, attempts) VALUES (cast(? as uuid), ?, 'fresh', 'P1', 1, ?, 0, 0)", provider, tenant, missing);
            DB.execute("INSERT INTO photo_task (provider_id, tenant_id, media_key, listing_key, media_order, provider_url, "
                    + "priority, attempts) VALUES (cast(? as uuid), ?, 'last-chance', 'P1', 1, ?, 0, 4)", provider, tenant, missing);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(DB.count("SELECT count(*) FROM photo_task WHERE provider_id = cast(? as uuid) AND media_key = 'fresh' "
                        + "AND attempts = 1 AND last_error IS NOT NULL AND not_before > now() AND lease_owner IS NULL", provider))
                        .isEqualTo(1);
                assertThat(DB.count("SELECT count(*) FROM photo_task WHERE provider_id = cast(? as uuid) "
                        + "AND media_key = 'last-chance'", provider)).isZero();
            });
            assertThat(DB.count("SELECT count(*) FROM sync_error WHERE provider_id = cast(? as uuid) AND phase = 'photos' "
                    + "AND listing_key = 'P1' AND server_message LIKE 'photo last-chance:%'", provider)).isEqualTo(1);
            assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = cast(? as uuid) AND content_sha256 IS NOT NULL",
                    provider)).isZero();
        }
    }
}
