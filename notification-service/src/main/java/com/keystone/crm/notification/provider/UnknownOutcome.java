package com.keystone.crm.notification.provider;

/**
 * What becomes of an attempt whose outcome is unknown: the process died between the provider call and the record of
 * its answer, or the call broke off after the request went out. The rule (issue #12): nothing is sent again unless
 * the provider can be asked first, or a second call cannot show the recipient a second message.
 */
public enum UnknownOutcome {
    /**
     * Ask the provider ({@link MessageProvider#find}): found → the delivery is sent with that id; no trace → the
     * attempt sent nothing and delivery goes on; the provider cannot be asked now → wait, never send meanwhile.
     * Twilio (the account's messages to the recipient since the attempt).
     */
    LOOKUP,
    /**
     * Send again under the same identity, which the recipient's side folds into one message: SMTP (the same
     * Message-ID), FCM (the Android notification tag and collapse key are the delivery id: the second replaces the
     * first in the drawer), APNs (apns-collapse-id = the delivery id: shown as one alert). The first attempt is
     * recorded {@code unknown}.
     */
    RESEND_SAME_ID,
    /**
     * No lookup and no idempotency key, but the provider reports on its own: wait for its event naming the delivery
     * (SES's tagged Send/Delivery/Bounce notifications through SNS) up to {@code crm.notify.worker.unknown-outcome-wait}
     * after the attempt; none by then → as {@link #NEVER_RESEND}. SES.
     */
    AWAIT_EVENT,
    /**
     * Neither lookup nor idempotency key: a second call could send a second message, so none is made. The attempt is
     * recorded {@code unknown} and the delivery fails (provider-error, code {@code outcome-unknown}, permanent): a
     * workflow may fall back to another channel, an admin sees why. SNS (Publish to a phone number).
     */
    NEVER_RESEND
}
