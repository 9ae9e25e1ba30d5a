package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.notification.provider.ProviderRegistry;
import com.keystone.crm.notification.provider.TwilioProvider;
import com.twilio.security.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * X-Twilio-Signature checks with the SDK's RequestValidator, keyed by the auth token of the account the webhook
 * names (AccountSid). The URL signed is the one Twilio called: the configured public base URL plus the path and
 * query, or the URL the request arrived at when none is configured.
 */
@ApplicationScoped
public class TwilioSignatures {
    private final ProviderRegistry providers;
    private final Optional<String> publicBase;

    public TwilioSignatures(ProviderRegistry providers, NotifyConfig config) {
        this.providers = providers;
        this.publicBase = config.publicBaseUrl().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    }

    public boolean valid(URI requestUri, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        String accountSid = params.get("AccountSid");
        Optional<TwilioProvider> account = providers.twilioAccounts().stream()
                .filter(t -> t.accountSid().equals(accountSid)).findFirst();
        if (account.isEmpty()) {
            return false;
        }
        String url = publicBase.map(base -> base + requestUri.getRawPath()
                        + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery()))
                .orElse(requestUri.toString());
        return new RequestValidator(account.get().authToken()).validate(url, params, signature);
    }
}
