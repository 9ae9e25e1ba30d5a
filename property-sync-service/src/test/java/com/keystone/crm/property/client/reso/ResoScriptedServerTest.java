package com.keystone.crm.property.client.reso;

import static org.assertj.core.api.Assertions.assertThat;

import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.Waiter;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider variations the simulator does not play, on a small local OData server: a long-lived bearer token
 * instead of OAuth2, no $metadata, $expand refused (the client drops it for good and lists media separately), and
 * quota headers reported in usage.
 */
class ResoScriptedServerTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/odata", ex -> {
            String target = ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery();
            requests.add(target + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
            String body;
            int status = 200;
            if (!"Bearer long-lived".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"error\":{\"message\":\"bad token\"}}";
            } else if (target.startsWith("/odata/$metadata")) {
                status = 404;
                body = "no metadata here";
            } else if (target.contains("$expand")) {
                status = 400;
                body = "{\"error\":{\"code\":\"400\",\"message\":\"$expand is not supported\"}}";
            } else if (target.startsWith("/odata/Property") && !target.contains("$skip")) {
                body = "{\"value\":[{\"ListingKey\":\"A\",\"ModificationTimestamp\":\"2026-01-01T00:00:00Z\",\"ListPrice\":100000,"
                        + "\"Beds\":3}],\"@odata.nextLink\":\"http://127.0.0.1:" + server.getAddress().getPort()
                        + "/odata/Property?$skip=1\"}";
            } else if (target.startsWith("/odata/Property")) {
                body = "{\"value\":[{\"ListingKey\":\"B\",\"ModificationTimestamp\":\"2026-01-02T00:00:00Z\",\"Lat\":30.25}]}";
            } else {
                body = "{\"value\":[]}";
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("Minute-Quota-Limit", "120");
            ex.getResponseHeaders().add("Minute-Quota-Remaining", String.valueOf(120 - requests.size()));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void worksWithALongLivedTokenNoMetadataAndNoExpand() {
        ProviderSettings settings = new ProviderSettings("p", "reso-web-api", "http://127.0.0.1:" + server.getAddress().getPort() + "/odata/",
                null, "unused", "long-lived", "UA/1", null, null, false, null, null, null, Map.of(), ZoneOffset.UTC, 1, 0, 0,
                Duration.ofSeconds(5));
        try (ResoClient client = new ResoClient(settings, HttpPolicy.from(settings), Waiter.SYSTEM)) {
            List<MlsListing> seen = new ArrayList<>();
            client.listingsModifiedSince(Instant.parse("2025-12-31T00:00:00Z"), seen::add);
            assertThat(seen).extracting(MlsListing::listingKey).containsExactly("A", "B");
            assertThat(seen.get(0).media()).isNull(); // not expanded: the sync lists media per listing
            assertThat(seen.get(0).fields()).containsEntry("ListPrice", 100000L).containsEntry("Beds", 3L);
            assertThat(seen.get(1).fields()).containsEntry("Lat", new java.math.BigDecimal("30.25"));
            assertThat(seen.get(1).modificationTimestamp()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));

            client.listingsModifiedSince(null, l -> { });
            assertThat(requests.stream().filter(r -> r.contains("$expand")).count()).isEqualTo(1); // tried once, then never
            assertThat(requests.get(1)).contains("$filter=ModificationTimestamp%20ge%202025-12-31T00%3A00%3A00Z")
                    .contains("$orderby=ModificationTimestamp%20asc%2CListingKey%20asc").contains("$top=1");
            assertThat(client.media("O'Brien")).isEmpty();
            assertThat(requests.get(requests.size() - 1)).contains("/odata/Media?").contains("ResourceRecordKey%20eq%20%27O%27%27Brien%27");
            assertThat(client.usage().quotaLimit()).isEqualTo(120);
            assertThat(client.usage().quotaRemaining()).isEqualTo(120 - requests.size());
        }
    }
}
