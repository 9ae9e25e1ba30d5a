package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

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
 * provider chain anyway. SES offers no way to ask which mails it took and no idempotency key, so an unknown outcome is
 * never sent again: it waits for SES's own event about the tagged mail ({@link UnknownOutcome#AWAIT_EVENT}).
 */
public class SesProvider implements MessageProvider {
    public static final String DELIVERY_TAG = "deliveryId";

    private final String name;
    private final String configurationSet;
    private final SesV2Client client;

    public SesProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.configurationSet = config.configurationSet().orElse(null);
        this.client = AwsClients.build(SesV2Client.builder(), name, config);
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
        return AwsClients.send("SES", () -> client.sendEmail(request(m)).messageId(), SesProvider::recipientFault);
    }

    /** SES refuses an address it cannot parse with a 400; any other 400 is about this service's request. */
    static RecipientFault recipientFault(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        if (e instanceof BadRequestException && AwsClients.message(e).toLowerCase(java.util.Locale.ROOT).contains("address")) {
            return new RecipientFault("invalid-address", "SES refused the address: " + AwsClients.message(e), false);
        }
        return null;
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

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("SES cannot be asked which mails it took");
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.AWAIT_EVENT;
    }
}
