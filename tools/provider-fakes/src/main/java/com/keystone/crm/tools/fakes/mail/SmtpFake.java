package com.keystone.crm.tools.fakes.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP server (GreenMail) that accepts any sender, recipient and credentials, with the received mail readable as
 * {@link ReceivedEmail}s for the sink page and the runnable jar. Tests of a service may use GreenMail directly; this
 * wrapper only adds the listing.
 */
public final class SmtpFake implements AutoCloseable {

    private final GreenMail greenMail;

    private SmtpFake(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** SMTP on localhost, an ephemeral port. */
    public static SmtpFake start() {
        return start("localhost", 0);
    }

    /** SMTP on host:port (0 = an ephemeral port). */
    public static SmtpFake start(String host, int port) {
        ServerSetup setup = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new SmtpFake(greenMail);
    }

    public String host() {
        return greenMail.getSmtp().getBindTo();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The GreenMail underneath, for what this wrapper does not offer. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Every email received, oldest first; a message sent to several recipients is listed once. */
    public List<ReceivedEmail> messages() {
        Map<String, ReceivedEmail> byId = new LinkedHashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                String id = message.getMessageID();
                byId.putIfAbsent(id == null ? "no-id-" + byId.size() : id, read(message));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }
        return List.copyOf(byId.values());
    }

    public List<ReceivedEmail> messagesTo(String address) {
        return messages().stream().filter(m -> m.to().stream().anyMatch(to -> to.contains(address))).toList();
    }

    public void reset() {
        greenMail.reset();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** Reads a MIME message as a {@link ReceivedEmail} (also used for SES raw emails). */
    public static ReceivedEmail read(MimeMessage message) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        return new ReceivedEmail(message.getMessageID(),
                first(message.getFrom()),
                addresses(message.getRecipients(Message.RecipientType.TO)),
                addresses(message.getRecipients(Message.RecipientType.CC)),
                message.getSubject(),
                text.isEmpty() ? null : text.toString(),
                html.isEmpty() ? null : html.toString(),
                headers,
                message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                        : message.getSentDate() == null ? null : message.getSentDate().toInstant());
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException,
            IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && text.isEmpty()) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html") && html.isEmpty()) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, html);
            }
        }
    }

    private static String first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : addresses[0].toString();
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? Collections.emptyList()
                : Arrays.stream(addresses).map(Address::toString).toList();
    }
}
