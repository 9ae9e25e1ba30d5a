package com.keystone.crm.tools.fakes.aws;

/** An HTTP(S) subscription to the fake's topic; notifications go only to confirmed ones. */
public record SnsSubscription(String subscriptionArn, String topicArn, String endpoint, String token,
                              boolean confirmed) {
}
