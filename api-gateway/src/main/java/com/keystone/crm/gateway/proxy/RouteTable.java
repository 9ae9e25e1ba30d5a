package com.keystone.crm.gateway.proxy;

import com.keystone.crm.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Path prefix → owning service, from configuration; the longest prefix wins. */
@ApplicationScoped
public class RouteTable {
    /** One prefix of one service. */
    public record Route(String prefix, String service, String baseUrl) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        List<Route> all = new ArrayList<>();
        config.services().forEach((service, upstream) -> {
            String base = upstream.url().endsWith("/") ? upstream.url().substring(0, upstream.url().length() - 1) : upstream.url();
            for (String prefix : upstream.prefixes()) {
                all.add(new Route(prefix.trim(), service, base));
            }
        });
        all.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<Route> match(String path) {
        return routes.stream().filter(r -> r.matches(path)).findFirst();
    }
}
