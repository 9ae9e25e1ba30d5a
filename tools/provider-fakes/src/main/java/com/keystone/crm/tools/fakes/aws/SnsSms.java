package com.keystone.crm.tools.fakes.aws;

import java.time.Instant;
import java.util.Map;

/**
 * One SNS Publish to a phone number. {@code smsType} and {@code senderId} come from the AWS.SNS.SMS.* message
 * attributes; {@code status} is "delivered", or "opted-out" for a number that opted out (SNS accepts the publish and
 * drops the SMS).
 */
public record SnsSms(String messageId, String phoneNumber, String message, String smsType, String senderId,
                     Map<String, String> attributes, String status, String accessKeyId, Instant publishedAt) {
}
