package com.keystone.crm.notification.provider;

import com.keystone.crm.notification.config.NotifyConfig;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Email over SMTP with Jakarta Mail: text and HTML alternatives, the RFC 8058 one-click unsubscribe headers for
 * marketing mail, and a Message-ID derived from the request so that a resend after an unknown outcome carries the
 * same id (mail clients and many receivers fold duplicates by Message-ID; SMTP offers no way to ask what was sent).
 */
public class SmtpProvider implements MessageProvider {
    private final String name;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Session session;

    public SmtpProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.host = config.host().orElse("localhost");
        this.port = config.port().orElse(25);
        this.username = config.username().orElse(null);
        this.password = config.password().orElse(null);
        Properties props = new Properties();
        String millis = String.valueOf(config.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", String.valueOf(username != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(config.starttls()));
        props.put("mail.smtp.starttls.required", String.valueOf(config.starttls()));
        this.session = Session.getInstance(props);
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
        MimeMessage mime;
        String messageId = "<" + m.notificationId() + "@keystone-crm>";
        try {
            mime = build(m, messageId);
        } catch (MessagingException e) {
            throw new RecipientFault("invalid-address", "the message cannot be addressed: " + e.getMessage(), false);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(host, port, username, password);
            transport.sendMessage(mime, mime.getAllRecipients());
            return messageId;
        } catch (MailConnectException e) {
            throw new ProviderFault("connect", "SMTP server " + host + ":" + port + " unreachable", e);
        } catch (SendFailedException e) {
            Exception fault = classify(e);
            if (fault instanceof RecipientFault recipient) {
                throw recipient;
            }
            throw (ProviderFault) fault;
        } catch (MessagingException e) {
            if (e.getNextException() instanceof ConnectException || e.getCause() instanceof ConnectException) {
                throw new ProviderFault("connect", "SMTP server " + host + ":" + port + " unreachable", e);
            }
            // the connection broke after the server may have taken the message
            throw new OutcomeUnknown("SMTP exchange broke off: " + e.getMessage(), e);
        }
    }

    /** A 5xx on RCPT is the recipient's (hard bounce); anything else is the server's. */
    private static Exception classify(SendFailedException e) {
        Exception cause = e.getNextException() == null ? e : e.getNextException();
        if (cause instanceof SMTPAddressFailedException address) {
            int code = address.getReturnCode();
            if (code >= 500) {
                return new RecipientFault(String.valueOf(code), "recipient refused: " + address.getMessage().trim(), false);
            }
            return new ProviderFault(String.valueOf(code), "recipient deferred: " + address.getMessage().trim(), e);
        }
        Address[] invalid = e.getInvalidAddresses();
        if (invalid != null && invalid.length > 0 && (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0)) {
            return new RecipientFault("invalid-address", "recipient refused: " + e.getMessage(), false);
        }
        return new ProviderFault("smtp", e.getMessage(), e);
    }

    private MimeMessage build(OutgoingMessage m, String messageId) throws MessagingException {
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(m.from(), true));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to(), true));
        mime.setSubject(m.subject() == null ? "" : m.subject(), StandardCharsets.UTF_8.name());
        if (m.unsubscribeUrl() != null) {
            // RFC 8058: a POST to the https link unsubscribes without further interaction
            mime.setHeader("List-Unsubscribe", "<" + m.unsubscribeUrl() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (m.html() == null) {
            mime.setText(m.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(m.html(), "text/html; charset=UTF-8");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
        }
        mime.saveChanges();
        return mime;
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("SMTP cannot be asked what it sent");
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.RESEND_SAME_ID;
    }
}
