package com.keystone.crm.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** notification-service settings ({@code crm.notify.*} in application.properties). */
@ConfigMapping(prefix = "crm.notify")
public interface NotifyConfig {
    Worker worker();

    /** The public base URL providers call back (status callbacks, unsubscribe links); empty: the request's URL. */
    Optional<String> publicBaseUrl();

    /** HMAC key of unsubscribe links. */
    String linkSecret();

    Defaults defaults();

    /** Default provider chain per channel (ordered names of {@link #providers()}); a tenant may set its own. */
    Map<String, List<String>> chains();

    Map<String, Provider> providers();

    interface Worker {
        @WithDefault("true")
        boolean enabled();

        Duration pollInterval();

        Duration lease();

        /** Provider rounds (every provider of the chain tried once) before a request fails. */
        int maxRounds();

        Duration retryBackoff();
    }

    interface Defaults {
        String emailFrom();

        String smsFrom();

        String timezone();

        String helpText();

        String stopConfirmation();

        String startConfirmation();
    }

    interface Provider {
        /** smtp or twilio. */
        String kind();

        /** Messages per second per sender; more are queued (re-scheduled), never dropped. */
        @WithDefault("10")
        double ratePerSecond();

        /** Calls failing in a row before the provider's breaker opens. */
        @WithDefault("3")
        int breakerFailures();

        /** How long an open breaker stays open. */
        @WithDefault("PT30S")
        Duration breakerDelay();

        /** How long one provider call may take. */
        @WithDefault("PT10S")
        Duration timeout();

        // smtp
        Optional<String> host();

        Optional<Integer> port();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("false")
        boolean starttls();

        // twilio
        Optional<String> accountSid();

        Optional<String> authToken();

        /** A Twilio-compatible endpoint (a local fake); empty: the real api.twilio.com. */
        Optional<String> baseUrl();
    }
}
