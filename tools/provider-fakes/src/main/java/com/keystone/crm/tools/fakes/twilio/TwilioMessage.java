package com.keystone.crm.tools.fakes.twilio;

import java.time.Instant;

/**
 * A message as the Twilio fake holds it (a snapshot). {@code direction}: outbound-api (sent through the API),
 * inbound (injected), outbound-reply (a TwiML {@code <Message>} answered to an inbound webhook).
 */
public record TwilioMessage(
        String sid,
        String accountSid,
        String direction,
        String from,
        String to,
        String messagingServiceSid,
        String body,
        String status,
        Integer errorCode,
        String errorMessage,
        String statusCallback,
        int numSegments,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateSent) {

    public boolean isFinal() {
        return switch (status) {
            case "delivered", "undelivered", "failed", "received", "canceled", "read" -> true;
            default -> false;
        };
    }
}
