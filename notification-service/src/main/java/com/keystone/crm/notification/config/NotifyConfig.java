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

    /** SES bounce/complaint/delivery notifications arriving over SNS HTTP(S) subscriptions. */
    Sns sns();

    /** Push to agents' devices. */
    Push push();

    interface Worker {
        @WithDefault("true")
        boolean enabled();

        /**
         * Claims in flight at once in this instance, each on its own thread taking a batch of due deliveries
         * (delivery.service.BatchDelivery): while one batch waits for its providers, the next is prepared. Three kept
         * two cores busy in the benchmark (412/s against 2 slots' 391/s) without lengthening the paced latency.
         */
        @WithDefault("3")
        int slots();

        /**
         * Deliveries a claim takes at once: prepared and started in one transaction, their outcomes recorded in one.
         * Larger batches cost fewer transactions per message; a batch's messages wait for its slowest provider call.
         */
        @WithDefault("32")
        int batchSize();

        /** Provider calls in flight at once in this instance (a batch's calls run side by side). */
        @WithDefault("32")
        int calls();

        Duration pollInterval();

        Duration lease();

        /** Provider rounds (every provider of the chain tried once) before a request fails. */
        int maxRounds();

        Duration retryBackoff();

        /**
         * How long an attempt of unknown outcome at a provider that reports on its own (SES events through SNS) waits
         * for that report before it is given up as unknown (never resent). Without SES event topics: not at all.
         */
        @WithDefault("PT15M")
        Duration unknownOutcomeWait();
    }

    interface Defaults {
        String emailFrom();

        String smsFrom();

        String timezone();

        String helpText();

        String stopConfirmation();

        String startConfirmation();
    }

    interface Sns {
        /**
         * SigningCertURL prefixes trusted (the certificate is fetched from there): production
         * {@code https://sns.<region>.amazonaws.com/}; a local fake its own base URL.
         */
        @WithDefault("https://sns.us-east-1.amazonaws.com/")
        List<String> trustedCertUrlPrefixes();

        /** Topics whose messages are accepted (anyone can sign a message of their own AWS topic); none: every message is refused. */
        Optional<List<String>> topicArns();

        /** Whether a verified SubscriptionConfirmation of an accepted topic is confirmed (its SubscribeURL fetched). */
        @WithDefault("true")
        boolean confirmSubscriptions();
    }

    interface Push {
        /** How many devices one user may register (a flood of registrations is refused). */
        @WithDefault("20")
        int maxDevicesPerUser();

        /** The title and body of the lead.assigned push; {leadId} is replaced. */
        @WithDefault("New lead assigned to you")
        String leadAssignedTitle();

        @WithDefault("Open Keystone to contact them now.")
        String leadAssignedBody();
    }

    interface Provider {
        /** smtp, twilio, ses, fcm or apns. */
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

        /**
         * Twilio: a Twilio-compatible endpoint (a local fake), empty: api.twilio.com; ses: the endpoint override,
         * empty: the region's endpoint; fcm: the send API base, empty: https://fcm.googleapis.com.
         */
        Optional<String> baseUrl();

        // ses (credentials: the given key pair, else the SDK's default chain: environment, profile, instance role)
        Optional<String> region();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** The SES configuration set (event destinations); empty: none. */
        Optional<String> configurationSet();

        // fcm
        /** The Firebase service-account key file (JSON); its token_uri is where the OAuth2 token comes from. */
        Optional<String> serviceAccountFile();

        /** The Firebase project; empty: the key file's project_id. */
        Optional<String> projectId();

        // apns (host/port above: empty = api.push.apple.com:443)
        Optional<String> teamId();

        Optional<String> keyId();

        /** The APNs auth key (.p8, PKCS#8 PEM). */
        Optional<String> signingKeyFile();

        /** The app's bundle id (apns-topic). */
        Optional<String> topic();

        /** A PEM certificate to trust instead of the system's (a local APNs mock). */
        Optional<String> trustedCertificateFile();
    }
}
