package com.keystone.crm.property.client.rets;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A RETS server unlike the simulator, on a small local HTTP server: Basic auth, relative capability URLs, no
 * metadata at all (20503: names come from the provider's field map), POST transactions, a '|' delimiter, and a
 * session lost between requests (401), which costs one new Login and one retried Search.
 */
class RetsScriptedServerTest {

    private HttpServer server;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String basic = "Basic " + Base64.getEncoder().encodeToString("joe:secret".getBytes(StandardCharsets.UTF_8));
        server.createContext("/rets", ex -> {
            String path = ex.getRequestURI().getPath();
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            log.add(ex.getRequestMethod() + " " + path + " " + cookie + " " + body);
            int status = 200;
            String reply;
            if (path.endsWith("/login")) {
                if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"rets\"");
                    status = 401;
                    reply = "no";
                } else {
                    ex.getResponseHeaders().add("Set-Cookie", "RETS-Session-ID=S" + sessions.incrementAndGet() + "; Path=/");
                    reply = "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><RETS-RESPONSE>\nSearch=/rets/search\nGetMetadata=getmetadata\n"
                            + "Logout=/rets/logout\nMetadataTimestamp=2026-01-01T00:00:00Z\n</RETS-RESPONSE></RETS>";
                }
            } else if (path.endsWith("/getmetadata")) {
                reply = "<RETS ReplyCode=\"20503\" ReplyText=\"No Metadata Found\"/>";
            } else if (path.endsWith("/search") && "RETS-Session-ID=S1".equals(cookie)) {
                status = 401; // the server forgot the first session
                reply = "session unknown";
            } else if (path.endsWith("/search")) {
                reply = "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COUNT Records=\"2\"/><DELIMITER value=\"7C\"/>"
                        + "<COLUMNS>|L_KEY|L_MOD|L_CITY|</COLUMNS>"
                        + "<DATA>|K1|2026-02-01 10:00:00|Austin|</DATA><DATA>|K2|2026-02-01T11:00:00Z|Waco|</DATA></RETS>";
            } else {
                reply = "<RETS ReplyCode=\"0\" ReplyText=\"bye\"/>";
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
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
    void basicAuthPostFieldMapAndALostSession() {
        ProviderSettings settings = new ProviderSettings("p", "rets", "http://127.0.0.1:" + server.getAddress().getPort() + "/rets/login",
                null, "joe", "secret", "UA/1", null, null, true, "Property", "RE_1", "COMPACT",
                Map.of("L_KEY", "ListingKey", "L_MOD", "ModificationTimestamp"), ZoneOffset.ofHours(-6), 100, 0, 0,
                Duration.ofSeconds(5));
        List<MlsListing> seen = new ArrayList<>();
        try (RetsClient client = new RetsClient(settings, HttpPolicy.from(settings), Waiter.SYSTEM)) {
            client.listingsModifiedSince(Instant.parse("2026-01-15T06:00:00Z"), seen::add);
        }
        assertThat(seen).extracting(MlsListing::listingKey).containsExactly("K1", "K2");
        // no metadata: a zoneless time is in the provider's configured zone
        assertThat(seen.get(0).modificationTimestamp()).isEqualTo(Instant.parse("2026-02-01T16:00:00Z"));
        assertThat(seen.get(1).modificationTimestamp()).isEqualTo(Instant.parse("2026-02-01T11:00:00Z"));
        assertThat(seen.get(0).fields()).containsEntry("L_CITY", "Austin");
        List<String> searches = log.stream().filter(l -> l.startsWith("POST /rets/search")).toList();
        assertThat(searches).hasSize(2);
        assertThat(searches.get(1)).contains("RETS-Session-ID=S2").contains("Query=%28L_MOD%3D2026-01-15T00%3A00%3A00%2B%29")
                .contains("Limit=100").contains("Offset=1").contains("Class=RE_1");
        assertThat(sessions.get()).isEqualTo(2);
        assertThat(log.get(log.size() - 1)).startsWith("GET /rets/logout RETS-Session-ID=S2");
    }
}
