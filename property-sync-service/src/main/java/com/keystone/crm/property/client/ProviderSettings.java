package com.keystone.crm.property.client;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * How to reach and read one MLS provider. Stored per provider by the service (secrets resolved from configuration,
 * never returned by the API) and handed to {@link MlsProviderFactory}.
 *
 * @param protocol           {@code rets} or {@code reso-web-api}
 * @param url                RETS login URL, or the RESO Web API service root
 * @param tokenUrl           RESO: OAuth2 token endpoint (client credentials); null for RETS or a long-lived token
 * @param username           RETS user, or the OAuth2 client id
 * @param password           RETS password, or the OAuth2 client secret
 * @param userAgent          User-Agent sent to the server
 * @param uaPassword         RETS-UA-Authorization password; null = do not send the header
 * @param retsVersion        e.g. RETS/1.7.2
 * @param usePost            RETS: Search/GetMetadata/GetObject by POST instead of GET
 * @param resource           RETS resource (Property) / RESO entity set (Property)
 * @param searchClasses      RETS classes to search (e.g. RES,LND), comma separated; ignored by RESO
 * @param format             RETS: COMPACT (decoded locally from metadata) or COMPACT-DECODED
 * @param fieldMap           provider field name → RESO name, for servers without StandardNames; empty = names as served
 * @param serverZone         zone of timestamps sent without an offset
 * @param pageSize           records per request (RETS Limit, RESO $top)
 * @param requestsPerSecond  request budget (records and media together)
 * @param mediaPerHour       media download quota; 0 = unlimited
 * @param requestTimeout     per request
 * @param charset            RETS: the charset of bodies that declare none (null = UTF-8 with a windows-1252 fallback
 *                           for bytes that are not UTF-8)
 */
public record ProviderSettings(String providerId, String protocol, String url, String tokenUrl, String username,
                               String password, String userAgent, String uaPassword, String retsVersion,
                               boolean usePost, String resource, String searchClasses, String format,
                               Map<String, String> fieldMap, ZoneId serverZone, int pageSize,
                               double requestsPerSecond, int mediaPerHour, Duration requestTimeout, String charset) {

    /** Without a configured charset. */
    public ProviderSettings(String providerId, String protocol, String url, String tokenUrl, String username,
                            String password, String userAgent, String uaPassword, String retsVersion,
                            boolean usePost, String resource, String searchClasses, String format,
                            Map<String, String> fieldMap, ZoneId serverZone, int pageSize,
                            double requestsPerSecond, int mediaPerHour, Duration requestTimeout) {
        this(providerId, protocol, url, tokenUrl, username, password, userAgent, uaPassword, retsVersion, usePost, resource,
                searchClasses, format, fieldMap, serverZone, pageSize, requestsPerSecond, mediaPerHour, requestTimeout, null);
    }

    public ProviderSettings withCharset(String charset) {
        return new ProviderSettings(providerId, protocol, url, tokenUrl, username, password, userAgent, uaPassword, retsVersion,
                usePost, resource, searchClasses, format, fieldMap, serverZone, pageSize, requestsPerSecond, mediaPerHour,
                requestTimeout, charset);
    }

    /** Without the secrets: a record's own toString would print the password into any log line that shows settings. */
    @Override
    public String toString() {
        return "ProviderSettings[providerId=" + providerId + ", protocol=" + protocol + ", url=" + url + ", tokenUrl="
                + tokenUrl + ", username=" + (username == null ? null : "***") + ", password=" + (password == null ? null : "***")
                + ", uaPassword=" + (uaPassword == null ? null : "***") + ", format=" + format + ", pageSize=" + pageSize + "]";
    }
}
