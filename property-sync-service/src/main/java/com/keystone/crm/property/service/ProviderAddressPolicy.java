package com.keystone.crm.property.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Provider URLs are a server-side request surface: an admin (or a stolen admin token) could point a "provider" at
 * the service's own network (loopback, private ranges, link-local cloud metadata at 169.254.169.254). A URL whose
 * host resolves to such an address is refused unless that host is allow-listed for the deployment in
 * {@code crm.mls.allowed-private-hosts} (the local stack and tests list localhost, where their MLS simulator runs).
 */
@ApplicationScoped
public class ProviderAddressPolicy {
    private final Set<String> allowed;

    public ProviderAddressPolicy(@ConfigProperty(name = "crm.mls.allowed-private-hosts") Optional<List<String>> allowed) {
        this.allowed = allowed.orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL's host may not be used, or null. */
    public String problem(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null; // the absolute-URL check reports it
        }
        if (host == null) {
            return null;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "the host " + host + " cannot be resolved";
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return "the host " + host + " is a loopback, private or link-local address; allow-list it in crm.mls.allowed-private-hosts";
            }
        }
        return null;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }
        // carrier-grade NAT 100.64.0.0/10 and "this network" 0.0.0.0/8
        return ((b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64) || b[0] == 0;
    }
}
