package com.keystone.crm.tools.fakes.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The SES notification (the SNS Message text) for one recipient of one email, in SES's "notificationType" format:
 * {@code {"notificationType": "Delivery" | "Bounce" | "Complaint", "mail": {...}, "delivery" | "bounce" |
 * "complaint": {...}}}.
 */
final class SesNotifications {

    private SesNotifications() {
    }

    static String build(ObjectMapper json, SesEventType type, SesEmail email, String recipient, Instant now) {
        String at = SesSnsFake.ISO_MILLIS.format(now.truncatedTo(ChronoUnit.MILLIS));
        String address = SesSnsFake.bareAddress(recipient);
        ObjectNode root = json.createObjectNode();
        switch (type) {
            case DELIVERY -> {
                root.put("notificationType", "Delivery");
                ObjectNode delivery = root.putObject("delivery");
                delivery.put("timestamp", at);
                delivery.put("processingTimeMillis", Math.max(0, now.toEpochMilli() - email.sentAt().toEpochMilli()));
                delivery.putArray("recipients").add(address);
                delivery.put("smtpResponse", "250 2.6.0 Message received");
                delivery.put("remoteMtaIp", "127.0.0.1");
                delivery.put("reportingMTA", "a8-70.smtp-out.amazonses.com");
            }
            case BOUNCE_PERMANENT, BOUNCE_TRANSIENT, BOUNCE_SUPPRESSED -> {
                root.put("notificationType", "Bounce");
                ObjectNode bounce = root.putObject("bounce");
                boolean permanent = type != SesEventType.BOUNCE_TRANSIENT;
                bounce.put("bounceType", permanent ? "Permanent" : "Transient");
                bounce.put("bounceSubType", switch (type) {
                    case BOUNCE_SUPPRESSED -> "OnAccountSuppressionList";
                    case BOUNCE_TRANSIENT -> "MailboxFull";
                    default -> "General";
                });
                ObjectNode bounced = bounce.putArray("bouncedRecipients").addObject();
                bounced.put("emailAddress", address);
                bounced.put("action", "failed");
                bounced.put("status", permanent ? "5.1.1" : "4.2.2");
                bounced.put("diagnosticCode", permanent ? "smtp; 550 5.1.1 user unknown"
                        : "smtp; 452 4.2.2 mailbox full");
                bounce.put("timestamp", at);
                bounce.put("feedbackId", feedbackId(now));
                bounce.put("remoteMtaIp", "127.0.0.1");
                bounce.put("reportingMTA", "dsn; a8-70.smtp-out.amazonses.com");
            }
            case COMPLAINT -> {
                root.put("notificationType", "Complaint");
                ObjectNode complaint = root.putObject("complaint");
                complaint.putArray("complainedRecipients").addObject().put("emailAddress", address);
                complaint.put("timestamp", at);
                complaint.put("feedbackId", feedbackId(now));
                complaint.put("complaintSubType", (String) null);
                complaint.put("userAgent", "Keystone provider fake");
                complaint.put("complaintFeedbackType", "abuse");
                complaint.put("arrivalDate", at);
            }
            default -> throw new IllegalArgumentException(type.name());
        }
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", SesSnsFake.ISO_MILLIS.format(email.sentAt().truncatedTo(ChronoUnit.MILLIS)));
        mail.put("messageId", email.messageId());
        mail.put("source", email.from());
        mail.put("sourceIp", "127.0.0.1");
        mail.put("sendingAccountId", "123456789012");
        ArrayNode destination = mail.putArray("destination");
        email.recipients().forEach(destination::add);
        mail.put("headersTruncated", false);
        ArrayNode headers = mail.putArray("headers");
        email.headers().forEach((name, value) -> headers.addObject().put("name", name).put("value", value));
        ObjectNode common = mail.putObject("commonHeaders");
        common.putArray("from").add(email.from());
        ArrayNode to = common.putArray("to");
        email.to().forEach(to::add);
        common.put("messageId", email.messageId());
        common.put("subject", email.subject());
        if (email.tags() != null && !email.tags().isEmpty()) {
            ObjectNode tags = mail.putObject("tags");
            email.tags().forEach((k, v) -> tags.putArray(k).add(v));
        }
        return root.toString();
    }

    private static String feedbackId(Instant now) {
        return String.format("0100%012x-%s-000000", now.toEpochMilli(), UUID.randomUUID());
    }
}
