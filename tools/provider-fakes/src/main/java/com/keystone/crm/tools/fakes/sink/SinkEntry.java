package com.keystone.crm.tools.fakes.sink;

import java.time.Instant;

/**
 * One message a fake received (or, for an inbound SMS, sent to the system), as the sink page lists it.
 * channel: email, sms, push; provider: smtp, ses, twilio, sns, fcm, apns; direction: outbound (the system sent it)
 * or inbound (a person replied).
 */
public record SinkEntry(String channel, String provider, String id, Instant at, String from, String to,
                        String subject, String body, String status, String direction) {
}
