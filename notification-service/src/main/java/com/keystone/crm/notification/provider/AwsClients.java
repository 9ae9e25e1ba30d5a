package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the AWS providers (SES v2 email, SNS SMS) share: building a stock SDK v2 client from a provider's settings and
 * sorting an SDK failure into the three outcomes that decide failover.
 *
 * <p>Client: the configured region (us-east-1 by default), static keys when {@code access-key-id} is set (else the
 * SDK's default chain: environment, profile, instance role), the URL-connection HTTP client with the provider's
 * timeout, the endpoint override {@code base-url} (a local fake), and <b>no SDK retries</b>: a retried send after a
 * 5xx or a read timeout may send a second message, and the delivery queue retries with the provider chain anyway.
 *
 * <p>Failures: an error answer is the provider's fault unless the service's {@code recipient} rule names it the
 * recipient's; a connection that never opened is the provider's fault (nothing was sent); a call that broke off after
 * the request went out has an unknown outcome, unless it was only a question ({@link #ask}), which sends nothing.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /** The client of {@code builder} configured from provider {@code name}'s settings. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(B builder, String name,
                                                                                               NotifyConfig.Provider config) {
        builder.region(Region.of(config.region().orElse("us-east-1")))
                .credentialsProvider(credentials(name, config))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.timeout()).socketTimeout(config.timeout()).build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)));
        config.baseUrl().ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    static AwsCredentialsProvider credentials(String name, NotifyConfig.Provider config) {
        if (config.accessKeyId().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                config.secretAccessKey().orElseThrow(() -> new IllegalStateException(
                        "crm.notify.providers." + name + ".secret-access-key is required with access-key-id"))));
    }

    /**
     * A call that sends a message.
     *
     * @param service   the service's name in messages ("SES", "SNS")
     * @param recipient the recipient's fault an error answer stands for, or null when it is the provider's
     */
    public static <T> T send(String service, Supplier<T> call, Function<AwsServiceException, RecipientFault> recipient)
            throws ProviderFault, RecipientFault, OutcomeUnknown {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw refused(service, e, recipient);
        } catch (SdkClientException e) {
            if (TwilioProvider.neverConnected(e)) {
                throw new ProviderFault("connect", service + " endpoint unreachable: " + e.getMessage(), e);
            }
            throw new OutcomeUnknown(service + " call broke off: " + e.getMessage(), e);
        }
    }

    /** A call that sends nothing (a question before the send): any failure to get an answer is the provider's. */
    public static <T> T ask(String service, Supplier<T> call, Function<AwsServiceException, RecipientFault> recipient)
            throws ProviderFault, RecipientFault {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw refused(service, e, recipient);
        } catch (SdkClientException e) {
            throw new ProviderFault("connect", service + " unreachable: " + e.getMessage(), e);
        }
    }

    private static Exception refusedOrRecipient(String service, AwsServiceException e,
                                                Function<AwsServiceException, RecipientFault> recipient) {
        RecipientFault fault = recipient == null ? null : recipient.apply(e);
        if (fault != null) {
            return fault;
        }
        // 5xx, throttling, the sender identity refused, a suspended account, bad credentials: the account's or the
        // service's problem, another provider may send it
        return new ProviderFault(code(e), service + " answered " + e.statusCode() + ": " + message(e), e);
    }

    private static RuntimeException refused(String service, AwsServiceException e,
                                            Function<AwsServiceException, RecipientFault> recipient)
            throws ProviderFault, RecipientFault {
        Exception fault = refusedOrRecipient(service, e, recipient);
        if (fault instanceof RecipientFault r) {
            throw r;
        }
        throw (ProviderFault) fault;
    }

    /** The service's error code (e.g. TooManyRequestsException, Throttling), else the HTTP status. */
    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
    }

    /** The service's error message, else the exception's. */
    public static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
