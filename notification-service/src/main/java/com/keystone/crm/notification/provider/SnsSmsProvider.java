package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SMS through Amazon SNS ({@code Publish} to a phone number) with the stock AWS SDK v2 client: the second SMS provider
 * behind Twilio. SNS silently drops a text to a number on the account's opt-out list, so the list is asked first
 * ({@code CheckIfPhoneNumberIsOptedOut}): an opted-out number is the recipient's fault and is suppressed here too.
 * SNS has neither status callbacks nor a list of sent texts: a text is "sent" once SNS took it, and an unknown outcome
 * is sent again (unlike Twilio, which is reconciled).
 */
public class SnsSmsProvider implements MessageProvider {
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final String name;
    private final SnsClient client;

    public SnsSmsProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        AwsCredentialsProvider credentials = config.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                config.secretAccessKey().orElseThrow(() -> new IllegalStateException(
                        "crm.notify.providers." + name + ".secret-access-key is required with access-key-id"))))
                : DefaultCredentialsProvider.builder().build();
        SnsClientBuilder builder = SnsClient.builder()
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
        return "sms";
    }

    @Override
    public String send(OutgoingMessage m) throws ProviderFault, RecipientFault, OutcomeUnknown {
        try {
            if (client.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(m.to())).isOptedOut()) {
                throw new RecipientFault("opted-out", "the number is on the SNS account's opt-out list", true);
            }
        } catch (InvalidParameterException | InvalidParameterValueException e) {
            throw new RecipientFault("InvalidParameter", "SNS refused the number: " + message(e), false);
        } catch (SnsException e) {
            throw new ProviderFault(code(e), "SNS answered " + e.statusCode() + ": " + message(e), e);
        } catch (SdkClientException e) {
            // nothing was sent yet: any failure of the opt-out check is the provider's
            throw new ProviderFault("connect", "SNS unreachable: " + e.getMessage(), e);
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        // transactional: the higher-reliability route (marketing texts are held by quiet hours before they get here)
        attributes.put(SMS_TYPE, MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());
        try {
            return client.publish(b -> b.phoneNumber(m.to()).message(m.text()).messageAttributes(attributes)).messageId();
        } catch (InvalidParameterException | InvalidParameterValueException e) {
            throw new RecipientFault("InvalidParameter", "SNS refused the number: " + message(e), false);
        } catch (SnsException e) {
            throw new ProviderFault(code(e), "SNS answered " + e.statusCode() + ": " + message(e), e);
        } catch (SdkClientException e) {
            if (TwilioProvider.neverConnected(e)) {
                throw new ProviderFault("connect", "SNS endpoint unreachable: " + e.getMessage(), e);
            }
            throw new OutcomeUnknown("SNS call broke off: " + e.getMessage(), e);
        }
    }

    private static String code(SnsException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
    }

    private static String message(SnsException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("SNS cannot be asked which texts it sent");
    }

    @Override
    public boolean canReconcile() {
        return false;
    }
}
