package com.keystone.crm.property.client.rets;

import com.keystone.crm.property.client.ProviderSettings;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Builds RETS transactions: GET with query parameters or POST with a form body (per provider), the RETS-Version
 * header, and RETS-UA-Authorization computed per request from the current RETS-Session-ID cookie when the provider
 * has a UA password.
 */
final class RetsRequests {

    static final String SESSION_COOKIE = "RETS-Session-ID";

    private final ProviderSettings settings;
    private final CookieStore cookies;

    RetsRequests(ProviderSettings settings, CookieStore cookies) {
        this.settings = settings;
        this.cookies = cookies;
    }

    String retsVersion() {
        return settings.retsVersion() == null || settings.retsVersion().isBlank() ? "RETS/1.7.2" : settings.retsVersion();
    }

    /** A request built anew for every transaction, so the one sent after a re-login carries the new session's UA digest. */
    Supplier<ClassicHttpRequest> transaction(URI url, Map<String, String> parameters, boolean post) {
        return () -> {
            ClassicRequestBuilder builder = post ? ClassicRequestBuilder.post(url) : ClassicRequestBuilder.get(url);
            parameters.forEach(builder::addParameter);
            builder.addHeader("RETS-Version", retsVersion());
            builder.addHeader("Accept", "*/*");
            if (settings.uaPassword() != null) {
                builder.addHeader("RETS-UA-Authorization",
                        UaAuthorization.header(settings.userAgent(), settings.uaPassword(), null, sessionId(), retsVersion()));
            }
            return builder.build();
        };
    }

    /** A plain GET (login, logout, media URLs) with the RETS headers. */
    Supplier<ClassicHttpRequest> get(URI url) {
        return transaction(url, Map.of(), false);
    }

    String sessionId() {
        for (Cookie cookie : cookies.getCookies()) {
            if (SESSION_COOKIE.equalsIgnoreCase(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
