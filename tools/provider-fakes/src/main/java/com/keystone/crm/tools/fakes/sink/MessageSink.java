package com.keystone.crm.tools.fakes.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.tools.fakes.apns.ApnsFake;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import com.keystone.crm.tools.fakes.fcm.FcmFake;
import com.keystone.crm.tools.fakes.http.FakeHttpServer;
import com.keystone.crm.tools.fakes.http.Http;
import com.keystone.crm.tools.fakes.mail.SmtpFake;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The message sink: one page listing every email, SMS and push the fakes received, newest first, with a form to
 * reply to an SMS (it reaches the Twilio fake's inbound webhook, signed); {@code GET /api/messages} is the same list
 * as JSON. Any fake may be absent (null).
 */
public final class MessageSink implements AutoCloseable {

    private final SmtpFake smtp;
    private final TwilioFake twilio;
    private final SesSnsFake aws;
    private final FcmFake fcm;
    private final ApnsFake apns;
    private final String defaultSmsNumber;
    private final FakeHttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param defaultSmsNumber the number a reply goes to when the SMS replied to was sent through a messaging service
     *                         (it has no From)
     */
    public MessageSink(String host, int port, SmtpFake smtp, TwilioFake twilio, SesSnsFake aws, FcmFake fcm,
                       ApnsFake apns, String defaultSmsNumber) {
        this.smtp = smtp;
        this.twilio = twilio;
        this.aws = aws;
        this.fcm = fcm;
        this.apns = apns;
        this.defaultSmsNumber = defaultSmsNumber;
        this.server = new FakeHttpServer("sink", host, port, this::handle);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** Everything received, newest first. */
    public List<SinkEntry> entries() {
        List<SinkEntry> all = new ArrayList<>();
        if (smtp != null) {
            smtp.messages().forEach(m -> all.add(new SinkEntry("email", "smtp", m.messageId(),
                    m.receivedAt() == null ? Instant.EPOCH : m.receivedAt(), m.from(), String.join(", ", m.to()),
                    m.subject(), m.text() != null ? m.text() : m.html(), "received", "outbound")));
        }
        if (aws != null) {
            aws.emails().forEach(m -> all.add(new SinkEntry("email", "ses", m.messageId(), m.sentAt(), m.from(),
                    String.join(", ", m.recipients()), m.subject(), m.text() != null ? m.text() : m.html(),
                    "sent", "outbound")));
            aws.smsMessages().forEach(m -> all.add(new SinkEntry("sms", "sns", m.messageId(), m.publishedAt(),
                    m.senderId(), m.phoneNumber(), null, m.message(), m.status(), "outbound")));
        }
        if (twilio != null) {
            twilio.messages().forEach(m -> all.add(new SinkEntry("sms", "twilio", m.sid(), m.dateCreated(),
                    m.from() != null ? m.from() : m.messagingServiceSid(), m.to(), null, m.body(),
                    twilioStatus(m),
                    m.direction().equals("inbound") ? "inbound" : "outbound")));
        }
        if (fcm != null) {
            fcm.messages().forEach(m -> all.add(new SinkEntry("push", "fcm", m.name(), m.receivedAt(), null,
                    m.token() != null ? m.token() : m.topic() != null ? "topic " + m.topic() : m.condition(),
                    m.title(), m.body() != null ? m.body() : m.data().toString(),
                    m.validateOnly() ? "validated" : "sent", "outbound")));
        }
        if (apns != null) {
            apns.pushes().forEach(p -> all.add(new SinkEntry("push", "apns", p.apnsId(), p.receivedAt(), p.topic(),
                    p.deviceToken(), p.title(), p.body() != null ? p.body() : p.payload(), "accepted", "outbound")));
        }
        all.sort(Comparator.comparing(SinkEntry::at).reversed());
        return all;
    }

    private String twilioStatus(com.keystone.crm.tools.fakes.twilio.TwilioMessage m) {
        if (m.direction().equals("inbound")) {
            int status = twilio.inboundWebhookStatus(m.sid()).orElse(0);
            return status == -1 ? "received, webhook unreachable" : "received, webhook " + status;
        }
        return m.errorCode() == null ? m.status() : m.status() + " (" + m.errorCode() + ")";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                Http.send(ex, 200, "text/html; charset=utf-8",
                        SinkPage.render(entries(), twilio != null && twilio.inboundWebhook() != null, defaultSmsNumber)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("/api/messages")) {
                Http.sendJson(ex, 200, entriesJson());
            } else if (method.equals("POST") && path.equals("/reply")) {
                reply(ex);
            } else {
                Http.sendText(ex, 404, "no such page: " + path);
            }
        }
    }

    private void reply(HttpExchange ex) throws IOException {
        Map<String, String> form = Http.first(Http.parseForm(Http.bodyText(ex)));
        String from = form.getOrDefault("from", "").trim();
        String to = form.getOrDefault("to", "").trim();
        String body = form.getOrDefault("body", "");
        if (twilio == null || twilio.inboundWebhook() == null) {
            Http.sendText(ex, 409, "the Twilio fake has no inbound webhook configured");
            return;
        }
        if (from.isEmpty() || to.isEmpty() || body.isBlank()) {
            Http.sendText(ex, 400, "from, to and body are required");
            return;
        }
        TwilioFake.InboundResult result = twilio.injectInbound(from, to, body);
        if (Objects.toString(ex.getRequestHeaders().getFirst("Accept"), "").contains("application/json")) {
            ObjectNode node = json.createObjectNode();
            node.put("sid", result.message().sid());
            node.put("webhookStatus", result.webhook().status());
            node.put("replies", result.replies().size());
            Http.sendJson(ex, 200, node.toString());
            return;
        }
        ex.getResponseHeaders().set("Location", "/?replied=" + result.webhook().status());
        Http.send(ex, 303, null, new byte[0]);
    }

    private String entriesJson() {
        ArrayNode array = json.createArrayNode();
        for (SinkEntry e : entries()) {
            ObjectNode node = array.addObject();
            node.put("channel", e.channel());
            node.put("provider", e.provider());
            node.put("id", e.id());
            node.put("at", e.at().toString());
            node.put("from", e.from());
            node.put("to", e.to());
            node.put("subject", e.subject());
            node.put("body", e.body());
            node.put("status", e.status());
            node.put("direction", e.direction());
        }
        return array.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
