package com.keystone.crm.property.client.rets;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a RETS Login answered: the capability URLs (resolved against the login URL, since servers send them
 * absolute or relative) and the metadata version stamps that tell a caching client when to reload metadata.
 */
public record RetsLogin(Map<String, URI> capabilities, String metadataTimestamp, String minMetadataTimestamp,
                        String metadataVersion) {

    /** Parses the key=value lines of a RETS-RESPONSE body. */
    public static RetsLogin parse(String body, URI loginUrl) {
        Map<String, URI> capabilities = new HashMap<>();
        Map<String, String> info = new HashMap<>();
        for (String line : body.split("\\r?\\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            info.put(key.toLowerCase(Locale.ROOT), value);
            if (isCapability(key) && !value.isEmpty()) {
                capabilities.put(key.toLowerCase(Locale.ROOT), loginUrl.resolve(value));
            }
        }
        return new RetsLogin(capabilities, info.get("metadatatimestamp"), info.get("minmetadatatimestamp"), info.get("metadataversion"));
    }

    /** The URL of a transaction (Search, GetMetadata, GetObject, Logout), or null when the server does not offer it. */
    public URI capability(String name) {
        return capabilities.get(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isCapability(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "login", "logout", "search", "getmetadata", "getobject", "changepassword", "action", "update", "postobject",
                 "getpayloadlist" -> true;
            default -> false;
        };
    }
}
