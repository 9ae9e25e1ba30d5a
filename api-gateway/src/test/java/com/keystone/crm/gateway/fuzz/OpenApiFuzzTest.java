package com.keystone.crm.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.gateway.RealServicesProfile;
import com.keystone.crm.gateway.ServiceProcesses;
import com.keystone.crm.gateway.proxy.RouteTable;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.platform.testkit.TableRowCounter;
import com.keystone.crm.platform.testkit.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17: walks EVERY operation of the gateway's aggregated OpenAPI document ({@code /openapi/all}), through the
 * gateway and directly at the owning service, with the bounded set of {@link MalformedRequests}, and fails on any
 * 5xx, any 4xx without a problem+json body, any answer leaking a stack trace or SQL, and any change of the owning
 * database's row counts after a refused request. The services are the packaged jars of every service in the
 * gateway's route table ({@link ServiceProcesses}): a new service is walked once it is built, without a change here.
 * The report (operations, cases, coverage, statuses) is written to {@code api-gateway/target/fuzz-report.md}.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(RealServicesProfile.class)
class OpenApiFuzzTest {
    /**
     * Tables a refused request may still change, each for a stated reason: consumers apply Kafka events on their own
     * schedule (consumed_event and the user directory they feed: agent, tenant), the outbox metrics sample relay marks
     * every few seconds (outbox_relay_mark), the gateway audits refused logins by design (audit_event), and the services
     * store the gateway's auth.access-revoked events as they arrive (revoked_access, issue #10).
     */
    static final Set<String> MOVING_TABLES = Set.of("consumed_event", "audit_event", "agent", "tenant", "outbox_relay_mark",
            "revoked_access");
    static final Pattern LEAK = Pattern.compile("(?i)(\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|[a-z]\\.[A-Za-z]+Exception\\b|SQLSTATE|"
            + "org\\.hibernate|io\\.vertx|java\\.lang|syntax error at|\\bERROR: |\\bselect .* from\\b|\\binsert into\\b)");
    static final Set<String> FAKE_SERVICES = Set.of("echo-service", "fragile-service", "nowhere-service", "touchy-service");

    static ServiceProcesses services;

    @Inject
    RouteTable routes;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> statuses = new TreeMap<>();
    /** The first answer's body per via and status: shows in the report what stopped the requests. */
    final Map<String, String> firstBodies = new TreeMap<>();
    /** Operations whose accepted request required a second factor of the tenant's admins (put back). */
    final List<String> restored = new ArrayList<>();
    int sent;

    @Test
    void everyOperationRefusesMalformedRequestsWithProblemsAndWritesNothing() throws Exception {
        services = ServiceProcesses.shared(RestAssured.port);
        JsonNode doc = MalformedRequests.JSON.readTree(given().get("/openapi/all").then().statusCode(200).extract().asString());
        for (String service : services.running().keySet()) {
            assertThat(doc.path("x-services").path(service).asText()).as("%s in /openapi/all", service).isEqualTo("up");
        }
        if (services.running().containsKey("lead-service")) {
            // the admin's tenant reaches lead-service through user.created on Kafka; walk only once it is known there,
            // or nearly every request stops at the unknown-tenant 403 before reaching validation
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    given().auth().oauth2(Logins.adminToken()).get("/api/v1/leads").statusCode() == 200);
        }
        MalformedRequests fuzz = new MalformedRequests(doc);
        List<MalformedRequests.Operation> operations = fuzz.operations();
        assertThat(operations).isNotEmpty();
        // issue #17: the agent availability endpoint is routed and documented
        assertThat(doc.path("paths").has("/api/v1/agents/{userId}/availability")).as("availability in /openapi/all").isTrue();
        // ... and proxied to lead-service (a proxied answer carries the request id; the gateway's own 404 does not)
        given().auth().oauth2(Logins.adminToken()).get("/api/v1/agents/" + java.util.UUID.randomUUID() + "/availability")
                .then().header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .statusCode(org.hamcrest.Matchers.lessThan(500));

        Map<String, Integer> walkedPerService = new TreeMap<>();
        int walked = 0;
        for (MalformedRequests.Operation op : operations) {
            Optional<RouteTable.Route> route = routes.match(op.path());
            String service = route.map(RouteTable.Route::service).orElse("api-gateway");
            if (FAKE_SERVICES.contains(service)) {
                walked++;   // the test gateway's stand-in upstreams echo anything; nothing to learn there
                continue;
            }
            // a fresh token per operation: a walk of /auth/logout or /auth/password must not end the others' session
            String token = Logins.adminToken();
            try (TableRowCounter db = new TestDatabase(service).rowCounter()) {
                Map<String, Long> counts = null;
                for (MalformedRequests.Case c : fuzz.cases(op, token)) {
                    counts = send(op, c, "http://localhost:" + RestAssured.port, "gateway", db, counts);
                    ServiceJarProcess direct = services.running().get(service);
                    if (direct != null) {
                        counts = send(op, c, direct.baseUrl(), service, db, counts);
                    }
                }
            }
            walked++;
            walkedPerService.merge(service, 1, Integer::sum);
            keepTheAdminAnAdmin(op);
        }
        report(operations.size(), walked, walkedPerService, doc);
        assertThat(walked).as("operations walked of /openapi/all").isEqualTo(operations.size());
        assertThat(failures).as("malformed requests answered badly").isEmpty();
        // a walk stopped by authorisation tests nothing behind it: most authenticated cases must reach validation
        for (String via : walkedPerService.keySet().stream().map(s -> s.equals("api-gateway") ? "gateway" : s).toList()) {
            int validation = statuses.getOrDefault(via + " 400", 0) + statuses.getOrDefault(via + " 422", 0);
            assertThat(validation).as("%s: answers from validation (400/422) against refusals by role (403 %s)", via,
                    statuses.getOrDefault(via + " 403", 0)).isGreaterThan(statuses.getOrDefault(via + " 403", 0));
        }
    }

    /**
     * A request the walk sends may be accepted and change state; one such change takes the walk's own rights away:
     * {@code PUT /api/v1/admin/tenant/settings} with {@code adminTotpRequired: true} leaves every later admin token
     * without the admin role (until a second factor is enrolled), and the rest of the walk would stop at 403 before
     * any validation. The tenant setting is put back after each operation, and the operations that changed it are
     * named in the report.
     */
    private void keepTheAdminAnAdmin(MalformedRequests.Operation op) {
        TestDatabase gateway = new TestDatabase("api-gateway");
        if (gateway.count("SELECT count(*) FROM tenant WHERE admin_totp_required") > 0) {
            gateway.execute("UPDATE tenant SET admin_totp_required = false");
            restored.add(op.toString());
        }
    }

    /**
     * Sends one case and checks its answer; returns the owning database's row counts after a refused request (the
     * next request's "before": half the counting), or null when the request was accepted and may have written.
     */
    private Map<String, Long> send(MalformedRequests.Operation op, MalformedRequests.Case c, String base, String via, TableRowCounter db,
                                   Map<String, Long> known) throws IOException, InterruptedException {
        Map<String, Long> before = known != null ? known : db.counts();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.pathAndQuery())).timeout(Duration.ofSeconds(30));
        c.headers().forEach(b::header);
        b.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failures.add(via + " " + op + " [" + c.label() + "]: no answer (" + e + ")");
            return null;
        }
        sent++;
        int status = r.statusCode();
        statuses.merge(via + " " + status, 1, Integer::sum);
        String where = via + " " + op + " [" + c.label() + "] → " + status;
        String body = r.body() == null ? "" : r.body();
        firstBodies.putIfAbsent(via + " " + status, where + ": " + abbreviate(body));
        if (status >= 500) {
            failures.add(where + ": " + abbreviate(body));
        } else if (status >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(where + ": not problem+json (" + type + ") " + abbreviate(body));
            } else {
                try {
                    JsonNode problem = MalformedRequests.JSON.readTree(body);
                    if (problem.path("status").asInt() != status || !problem.has("type")) {
                        failures.add(where + ": problem body without type/status " + abbreviate(body));
                    }
                } catch (IOException e) {
                    failures.add(where + ": problem body is not JSON " + abbreviate(body));
                }
            }
        }
        if (LEAK.matcher(body).find()) {
            failures.add(where + ": leaks internals " + abbreviate(body));
        }
        if (status >= 400) {
            Map<String, Long> after = db.counts();
            Map<String, String> changed = new LinkedHashMap<>();
            after.forEach((table, n) -> {
                if (!MOVING_TABLES.contains(table) && !n.equals(before.getOrDefault(table, 0L))) {
                    changed.put(table, before.get(table) + " → " + n);
                }
            });
            if (!changed.isEmpty()) {
                failures.add(where + ": rows changed after a refused request " + changed);
            }
            return after;
        }
        return null;
    }

    private void report(int total, int walked, Map<String, Integer> perService, JsonNode doc) throws IOException {
        StringBuilder sb = new StringBuilder("# OpenAPI fuzz report (OpenApiFuzzTest)\n\n");
        sb.append("Operations in /openapi/all: ").append(total).append("; walked: ").append(walked)
                .append(String.format(" (%.0f %%)%n", 100.0 * walked / Math.max(1, total)));
        sb.append("Services in /openapi/all: ").append(doc.path("x-services")).append('\n');
        sb.append("Not packaged, not walked: ").append(services.skipped()).append('\n');
        sb.append("Operations per service: ").append(perService).append('\n');
        sb.append("Requests sent: ").append(sent).append("\n\nStatuses (via → count):\n");
        statuses.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\nAdmin second-factor requirement put back after: ").append(restored).append('\n');
        sb.append("\nFirst answer per status:\n");
        firstBodies.values().forEach(b -> sb.append("- ").append(b).append('\n'));
        sb.append("\nFailures: ").append(failures.size()).append('\n');
        failures.stream().limit(200).forEach(f -> sb.append("- ").append(f).append('\n'));
        Path out = Path.of("target/fuzz-report.md");
        Files.writeString(out, sb.toString());
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
