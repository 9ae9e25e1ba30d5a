package com.keystone.crm.property.service;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.e2e.SimulatorSyncTestAccess;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

import static com.keystone.crm.property.service.EngineHarness.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #11 item 11: a photo whose size the server states (Content-Length) above crm.media.stream-above (1 MiB) goes
 * to S3 as a stream while it is hashed: staging object, server-side copy to its content address, staging deleted;
 * the same bytes a second time are deduplicated.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class PhotoStreamingTest {

    @Test
    void aLargePhotoOfKnownSizeIsStreamedToItsContentAddress() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new SplittableRandom(5).nextBytes(big);
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        HttpServer photos = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        photos.createContext("/big.jpg", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, big.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(big);
            }
        });
        photos.start();
        String tenant = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(1).photosPerListing(1)
                .seed(4L).oauthClientId("reso-client").oauthClientSecret("reso-secret").build())) {
            String provider = given().auth().oauth2(TestTokens.token(tenant, "admin-1", null, "admin"))
                    .contentType(ContentType.JSON).body("""
                            {"name":"big photos","protocol":"reso-web-api","url":"%s","tokenUrl":"%s",
                             "credentialsRef":"sim-reso","cron":"0 0 0 1 1 ?"}""".formatted(sim.resoServiceRoot(), sim.oauthTokenUrl()))
                    .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
            String url = "http://127.0.0.1:" + photos.getAddress().getPort() + "/big.jpg";
            DB.execute("INSERT INTO property (provider_id, listing_key, tenant_id, modification_timestamp, listing, content_hash) "
                    + "VALUES (cast(? as uuid), 'B1', ?, now(), '{}'::jsonb, repeat('0', 64))", provider, tenant);
            for (String key : new String[] {"big-1", "big-2"}) {
                DB.execute("INSERT INTO media (provider_id, media_key, listing_key, media_order, provider_url) "
                        + "VALUES (cast(? as uuid), ?, 'B1', 1, ?)", provider, key, url);
                DB.execute("INSERT INTO photo_task (provider_id, tenant_id, media_key, listing_key, media_order, provider_url, "
                        + "priority, attempts) VALUES (cast(? as uuid), ?, ?, 'B1', 1, ?, 0, 0)", provider, tenant, key, url);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> DB.count("SELECT count(*) FROM media WHERE provider_id = "
                    + "cast(? as uuid) AND content_sha256 = ?", provider, hex) == 2);
            S3Client s3 = SimulatorSyncTestAccess.s3();
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(PropertySyncTestResource.BUCKET).key("media/sha256/" + hex))
                    .asByteArray();
            assertThat(stored).isEqualTo(big);
            assertThat(s3.listObjectsV2(b -> b.bucket(PropertySyncTestResource.BUCKET).prefix("media/staging/")).contents())
                    .isEmpty();
            assertThat(DB.count("SELECT count(*) FROM media_blob WHERE content_sha256 = ?", hex)).isEqualTo(1);
        } finally {
            photos.stop(0);
        }
    }
}
