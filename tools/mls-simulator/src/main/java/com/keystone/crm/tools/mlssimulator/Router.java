package com.keystone.crm.tools.mlssimulator;

import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sends each request to its endpoint through the fault gate, and counts what was answered. */
final class Router implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private record Route(String prefix, Function<String, String> name, Endpoint endpoint, boolean json) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final FaultPlan faults;
    private final RequestStats stats;

    Router(FaultPlan faults, RequestStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    Router route(String prefix, Function<String, String> name, Endpoint endpoint, boolean json) {
        routes.add(new Route(prefix, name, endpoint, json));
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed());
        return this;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Route route = routes.stream().filter(r -> path.startsWith(r.prefix)).findFirst().orElse(null);
        String name = route == null ? "other" : route.name.apply(path);
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
        // counted as the headers go out, before the client can read the answer (tests assert right after)
        Http.onResponse(ex, status -> {
            if (counted.compareAndSet(false, true)) {
                stats.record(name, status);
            }
        });
        try {
            if (route == null) {
                Http.sendText(ex, 404, "no such endpoint: " + path);
                return;
            }
            pause(faults.latency());
            FaultPlan.Rejection rejection = faults.admit(System.nanoTime());
            if (rejection != null) {
                reject(ex, rejection, route.json);
                return;
            }
            route.endpoint.handle(ex);
        } catch (Exception e) {
            LOG.log(Level.FINE, "request failed: " + path, e);
            if (ex.getResponseCode() == -1) {
                Http.sendText(ex, 500, "simulator error: " + e);
            }
        } finally {
            Http.forget(ex);
            if (counted.compareAndSet(false, true)) {
                stats.record(name, ex.getResponseCode());
            }
            ex.close();
        }
    }

    private static void reject(HttpExchange ex, FaultPlan.Rejection rejection, boolean json) throws IOException {
        if (rejection.retryAfterSeconds() != null) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(rejection.retryAfterSeconds()));
        }
        if (json) {
            String body = "{\"error\":{\"code\":\"" + rejection.status() + "\",\"message\":\"" + rejection.reason()
                    + "\"}}";
            Http.send(ex, rejection.status(), "application/json", body.getBytes(StandardCharsets.UTF_8));
        } else {
            Http.sendText(ex, rejection.status(), rejection.reason());
        }
    }

    private static void pause(Duration latency) throws InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis()); // server-side injected latency, by design
        }
    }
}
