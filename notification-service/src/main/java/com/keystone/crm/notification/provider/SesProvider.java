package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Email through Amazon SES v2 ({@code SendEmail}, simple content: subject, text and HTML, plus the RFC 8058 headers
 * for marketing mail) with the stock AWS SDK v2 client. Each mail carries the delivery id as the SES message tag
 * {@value #DELIVERY_TAG}, so the bounce, complaint and delivery notifications SES publishes through SNS name the
 * delivery even when the provider's message id was never recorded (the process died during the call).
 *
 * <p>The SDK's own retries are off: a retry of a 5xx may send a second mail, and the delivery queue retries with the
 * provider chain anyway. SES offers no way to ask which mails it took, so an unknown outcome is sent again.
 */
public class SesProvider implements MessageProvider {
    public static final String DELIVERY_TAG = "deliveryId";

    private final String name;
    private final String configurationSet;
    private final SesV2Client client;

    public SesProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.configurationSet = config.configurationSet().orElse(null);
        AwsCredentialsProvider credentials = config.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                config.secretAccessKey().orElseThrow(() -> new IllegalStateException(
                        "crm.notify.providers." + name + ".secret-access-key is required with access-key-id"))))
                : DefaultCredentialsProvider.builder().build();
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(config.region().orElse("us-east-1")))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.timeout()).socketTimeout(config.timeout()).build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)));
        config.baseUrl().ifPresent(url -> builder.endpointOverride(URI.create(url)));
        this.client = builder.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public String send(OutgoingMessage m) throws ProviderFault, RecipientFault, OutcomeUnknown {
        try {
            return client.sendEmail(request(m)).messageId();
        } catch (BadRequestException e) {
            // SES refuses an address it cannot parse with a 400; any other 400 is about this service's request
            if (String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    .toLowerCase(java.util.Locale.ROOT).contains("address")) {
                throw new RecipientFault("invalid-address", "SES refused the address: " + message(e), false);
            }
            throw new ProviderFault("BadRequestException", "SES refused the request: " + message(e), e);
        } catch (SesV2Exception e) {
            // 5xx, TooManyRequests, MessageRejected (the sender identity), AccountSuspended, SendingPaused,
            // signature/credential errors: the account's or SES's problem, another provider may send it
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
            throw new ProviderFault(code, "SES answered " + e.statusCode() + ": " + message(e), e);
        } catch (SdkClientException e) {
            if (TwilioProvider.neverConnected(e)) {
                throw new ProviderFault("connect", "SES endpoint unreachable: " + e.getMessage(), e);
            }
            throw new OutcomeUnknown("SES call broke off: " + e.getMessage(), e);
        }
    }

    private SendEmailRequest request(OutgoingMessage m) {
        List<MessageHeader> headers = new ArrayList<>();
        if (m.unsubscribeUrl() != null) {
            headers.add(MessageHeader.builder().name("List-Unsubscribe").value("<" + m.unsubscribeUrl() + ">").build());
            headers.add(MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build());
        }
        return SendEmailRequest.builder()
                .fromEmailAddress(m.from())
                .destination(d -> d.toAddresses(m.to()))
                .content(c -> c.simple(s -> s.subject(t -> t.data(m.subject() == null ? "" : m.subject()).charset("UTF-8"))
                        .body(b -> {
                            b.text(t -> t.data(m.text()).charset("UTF-8"));
                            if (m.html() != null) {
                                b.html(h -> h.data(m.html()).charset("UTF-8"));
                            }
                        })
                        .headers(headers)))
                .emailTags(MessageTag.builder().name(DELIVERY_TAG).value(m.notificationId().toString()).build())
                .configurationSetName(configurationSet)
                .build();
    }

    private static String message(SesV2Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("SES cannot be asked which mails it took");
    }

    @Override
    public boolean canReconcile() {
        return false;
    }
}
