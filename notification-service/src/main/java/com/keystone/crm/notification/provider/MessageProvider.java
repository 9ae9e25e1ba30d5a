package com.keystone.crm.notification.provider;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One configured provider (an SMTP server, a Twilio account): sends a message and finds one it may have sent. */
public interface MessageProvider {
    /** The configured name (crm.notify.providers.NAME), recorded on attempts and in events. */
    String name();

    /** The channel it serves: email or sms. */
    String channel();

    /**
     * Sends the message; answers the provider's message id.
     *
     * @throws ProviderFault   nothing was sent; another provider may try
     * @throws RecipientFault  the recipient is refused; nobody should try
     * @throws OutcomeUnknown  it may have been sent: reconcile before anything else
     */
    String send(OutgoingMessage message) throws ProviderFault, RecipientFault, OutcomeUnknown;

    /**
     * Looks for a message this provider accepted for {@code message} since {@code since}, ignoring the provider ids
     * already known to belong to other requests. Empty: the provider has no trace of it (it was not sent).
     *
     * @throws ProviderFault the provider cannot be asked now (try again later; never send meanwhile)
     */
    Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) throws ProviderFault;

    /** What an attempt of this provider whose outcome is unknown becomes ({@link #find} answers only for LOOKUP). */
    UnknownOutcome unknownOutcome();
}
