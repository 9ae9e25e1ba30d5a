package com.keystone.crm.tools.fakes.aws;

/** The SES notifications the fake publishes through SNS. */
public enum SesEventType {
    DELIVERY,
    /** a hard bounce: bounceType Permanent, subtype General (status 5.1.1) */
    BOUNCE_PERMANENT,
    /** a soft bounce: bounceType Transient, subtype MailboxFull (status 4.2.2) */
    BOUNCE_TRANSIENT,
    /** bounceType Permanent, subtype OnAccountSuppressionList */
    BOUNCE_SUPPRESSED,
    /** a complaint (complaintFeedbackType abuse); SES reports the delivery first */
    COMPLAINT
}
