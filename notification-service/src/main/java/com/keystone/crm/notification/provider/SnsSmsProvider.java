package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SMS through Amazon SNS ({@code Publish} to a phone number) with the stock AWS SDK v2 client: the second SMS provider
 * behind Twilio. SNS silently drops a text to a number on the account's opt-out list, so the list is asked first
 * ({@code CheckIfPhoneNumberIsOptedOut}): an opted-out number is the recipient's fault and is suppressed here too.
 * SNS has neither status callbacks, nor a list of sent texts, nor an idempotency key for Publish to a number: a text
 * is "sent" once SNS took it, and an unknown outcome is never sent again ({@link UnknownOutcome#NEVER_RESEND}: the
 * delivery fails {@code outcome-unknown}; a second Publish could text the person twice).
 */
public class SnsSmsProvider implements MessageProvider {
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final String name;
    private final SnsClient client;

    public SnsSmsProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.client = AwsClients.build(SnsClient.builder(), name, config);
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
        // nothing is sent by the opt-out check: any failure of it is the provider's
        if (AwsClients.ask("SNS", () -> client.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(m.to())).isOptedOut(),
                SnsSmsProvider::recipientFault)) {
            throw new RecipientFault("opted-out", "the number is on the SNS account's opt-out list", true);
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        // transactional: the higher-reliability route (marketing texts are held by quiet hours before they get here)
        attributes.put(SMS_TYPE, MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());
        return AwsClients.send("SNS", () -> client.publish(b -> b.phoneNumber(m.to()).message(m.text())
                .messageAttributes(attributes)).messageId(), SnsSmsProvider::recipientFault);
    }

    /** SNS refuses a number it cannot use with InvalidParameter(Value); everything else is the provider's. */
    static RecipientFault recipientFault(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        if (e instanceof InvalidParameterException || e instanceof InvalidParameterValueException) {
            return new RecipientFault("InvalidParameter", "SNS refused the number: " + AwsClients.message(e), false);
        }
        return null;
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("SNS cannot be asked which texts it sent");
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.NEVER_RESEND;
    }
}
