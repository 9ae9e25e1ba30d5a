package com.keystone.crm.tools.fakes.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Http;
import com.keystone.crm.tools.fakes.mail.ReceivedEmail;
import com.keystone.crm.tools.fakes.mail.SmtpFake;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** The HTTP side of the SES v2 / SNS fake. */
final class AwsApi implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(AwsApi.class.getName());
    private static final String SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    private final SesSnsFake fake;
    private final ObjectMapper json = new ObjectMapper();

    AwsApi(SesSnsFake fake) {
        this.fake = fake;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try {
            if (method.equals("GET") && path.equals(fake.certificatePath())) {
                Http.send(ex, 200, "application/x-pem-file", fake.certificatePem().getBytes(StandardCharsets.US_ASCII));
            } else if (method.equals("GET") && path.equals("/")) {
                subscribeUrl(ex);
            } else if (path.startsWith("/v2/email/")) {
                ses(ex, path, method);
            } else if (method.equals("POST") && path.equals("/")) {
                sns(ex);
            } else {
                Http.sendText(ex, 404, "no such endpoint: " + path);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "ses/sns fake: request failed " + path, e);
            if (ex.getResponseCode() == -1) {
                Http.sendText(ex, 500, "fake error: " + e);
            }
        } finally {
            ex.close();
        }
    }

    /** Faults apply to the SES and SNS APIs; true when the request was answered (or swallowed) by one. */
    private boolean faulted(HttpExchange ex, boolean ses, FailureMode fault) throws IOException {
        if (fault == null || fault == FailureMode.ACCEPT_THEN_HANG) {
            return false;
        }
        if (fault == FailureMode.HANG) {
            fake.faults().hang();
            return true;
        }
        int status = switch (fault) {
            case RATE_LIMITED -> 429;
            case SERVICE_UNAVAILABLE -> 503;
            default -> 500;
        };
        if (fault == FailureMode.RATE_LIMITED) {
            ex.getResponseHeaders().set("Retry-After", String.valueOf(fake.faults().retryAfterSeconds()));
        }
        if (ses) {
            sesError(ex, status, switch (fault) {
                case RATE_LIMITED -> "TooManyRequestsException";
                case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
                default -> "InternalFailure";
            }, status == 429 ? "Too Many Requests" : "We encountered an internal error. Please try again.");
        } else {
            snsError(ex, status, "Receiver", switch (fault) {
                case RATE_LIMITED -> "Throttled";
                case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
                default -> "InternalError";
            }, status == 429 ? "Rate exceeded" : "Internal Error");
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- SES v2

    private void ses(HttpExchange ex, String path, String method) throws IOException {
        if (!path.equals("/v2/email/outbound-emails") || !method.equals("POST")) {
            sesError(ex, 404, "NotFoundException", "The resource " + method + " " + path + " is not offered by the fake");
            return;
        }
        byte[] bytes = Http.readBody(ex);
        FailureMode fault = fake.faults().take();
        if (faulted(ex, true, fault)) {
            return;
        }
        SigV4.Result auth = SigV4.check(ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("X-Amz-Date"), "ses");
        if (!auth.ok()) {
            sesError(ex, 403, auth.code() + "Exception", auth.message());
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            sesError(ex, 400, "BadRequestException", "Request body is not valid JSON");
            return;
        }
        if (request == null || !request.isObject()) {
            sesError(ex, 400, "BadRequestException", "Request body must be a JSON object");
            return;
        }
        SesEmail draft;
        try {
            draft = readEmail(request, auth.scope().accessKeyId());
        } catch (IllegalArgumentException e) {
            sesError(ex, 400, "BadRequestException", e.getMessage());
            return;
        }
        if (!fake.options().verifiedIdentities.isEmpty() && !verified(draft.from())) {
            sesError(ex, 400, "MessageRejected", "Email address is not verified. The following identities failed "
                    + "the check in region " + fake.region().toUpperCase(Locale.ROOT) + ": " + draft.from());
            return;
        }
        SesEmail email = fake.acceptEmail(draft);
        if (fault == FailureMode.ACCEPT_THEN_HANG) {
            fake.faults().hang();
            return;
        }
        Http.sendJson(ex, 200, json.createObjectNode().put("MessageId", email.messageId()).toString());
    }

    private boolean verified(String from) {
        String address = SesSnsFake.bareAddress(from).toLowerCase(Locale.ROOT);
        String domain = address.substring(address.indexOf('@') + 1);
        return fake.options().verifiedIdentities.stream().map(s -> s.toLowerCase(Locale.ROOT))
                .anyMatch(id -> id.equals(address) || id.equals(domain));
    }

    private SesEmail readEmail(JsonNode request, String accessKeyId) {
        JsonNode content = request.path("Content");
        String from = text(request, "FromEmailAddress");
        List<String> to = addresses(request.path("Destination").path("ToAddresses"), "ToAddresses");
        List<String> cc = addresses(request.path("Destination").path("CcAddresses"), "CcAddresses");
        List<String> bcc = addresses(request.path("Destination").path("BccAddresses"), "BccAddresses");
        List<String> replyTo = addresses(request.path("ReplyToAddresses"), "ReplyToAddresses");
        Map<String, String> tags = new LinkedHashMap<>();
        request.path("EmailTags").forEach(t -> tags.put(t.path("Name").asText(), t.path("Value").asText()));
        String configurationSet = text(request, "ConfigurationSetName");
        Map<String, String> headers = new LinkedHashMap<>();
        String subject;
        String textBody;
        String html;
        String raw = null;
        if (content.has("Simple")) {
            JsonNode simple = content.get("Simple");
            subject = text(simple.path("Subject"), "Data");
            textBody = text(simple.path("Body").path("Text"), "Data");
            html = text(simple.path("Body").path("Html"), "Data");
            simple.path("Headers").forEach(h -> headers.put(h.path("Name").asText(), h.path("Value").asText()));
            if (subject == null) {
                throw new IllegalArgumentException("Content.Simple.Subject.Data is required");
            }
            if (textBody == null && html == null) {
                throw new IllegalArgumentException("Content.Simple.Body needs Text or Html");
            }
        } else if (content.has("Raw")) {
            raw = readRaw(content.get("Raw"));
            ReceivedEmail parsed = parseMime(raw);
            subject = parsed.subject();
            textBody = parsed.text();
            html = parsed.html();
            parsed.headers().forEach((name, values) -> headers.put(name, values.get(0)));
            if (from == null) {
                from = parsed.from();
            }
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                to = parsed.to();
                cc = parsed.cc();
            }
        } else if (content.has("Template")) {
            JsonNode template = content.get("Template");
            subject = "template " + template.path("TemplateName").asText(template.path("TemplateArn").asText());
            textBody = template.path("TemplateData").asText(null);
            html = null;
        } else {
            throw new IllegalArgumentException("Content needs Simple, Raw or Template");
        }
        if (from == null) {
            throw new IllegalArgumentException("FromEmailAddress is required");
        }
        requireAddress(from, "FromEmailAddress");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new IllegalArgumentException("Destination needs at least one address");
        }
        if (to.size() + cc.size() + bcc.size() > 50) {
            throw new IllegalArgumentException("Recipient count exceeds 50");
        }
        return new SesEmail(null, from, to, cc, bcc, replyTo, subject, textBody, html, headers, raw, tags,
                configurationSet, accessKeyId, null);
    }

    private static String readRaw(JsonNode raw) {
        try {
            return new String(Base64.getDecoder().decode(raw.path("Data").asText("")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Content.Raw.Data is not base64");
        }
    }

    private static ReceivedEmail parseMime(String raw) {
        try {
            return SmtpFake.read(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalArgumentException("Content.Raw.Data is not a MIME message");
        }
    }

    private static List<String> addresses(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " must be a list");
        }
        for (JsonNode node : array) {
            requireAddress(node.asText(), field);
            out.add(node.asText());
        }
        return out;
    }

    private static void requireAddress(String address, String field) {
        if (!EMAIL.matcher(SesSnsFake.bareAddress(address)).matches()) {
            throw new IllegalArgumentException("Illegal address in " + field + ": " + address);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private void sesError(HttpExchange ex, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().set("x-amzn-ErrorType", type);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        Http.sendJson(ex, status, json.createObjectNode().put("message", message).toString());
    }

    // ---------------------------------------------------------------------------------------------- SNS

    private void sns(HttpExchange ex) throws IOException {
        Map<String, String> form = Http.first(Http.parseForm(Http.bodyText(ex)));
        FailureMode fault = fake.faults().take();
        if (faulted(ex, false, fault)) {
            return;
        }
        SigV4.Result auth = SigV4.check(ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("X-Amz-Date"), "sns");
        if (!auth.ok()) {
            snsError(ex, 403, "Sender", auth.code(), auth.message());
            return;
        }
        String action = form.getOrDefault("Action", "");
        String answer;
        switch (action) {
            case "Publish" -> {
                String phone = form.get("PhoneNumber");
                String message = form.get("Message");
                if (phone == null) {
                    snsError(ex, 400, "Sender", "InvalidParameter",
                            "Invalid parameter: PhoneNumber Reason: the fake publishes to phone numbers only");
                    return;
                }
                if (!E164.matcher(phone).matches()) {
                    snsError(ex, 400, "Sender", "InvalidParameter",
                            "Invalid parameter: PhoneNumber Reason: " + phone + " is not valid to publish to");
                    return;
                }
                if (message == null || message.isEmpty()) {
                    snsError(ex, 400, "Sender", "InvalidParameter", "Invalid parameter: Empty message");
                    return;
                }
                if (message.length() > 1600) {
                    snsError(ex, 400, "Sender", "InvalidParameter",
                            "Invalid parameter: Message too long for SMS (1600 characters at most)");
                    return;
                }
                SnsSms sms = fake.acceptSms(phone, message, attributes(form), auth.scope().accessKeyId());
                answer = "<PublishResult><MessageId>" + sms.messageId() + "</MessageId></PublishResult>";
            }
            case "CheckIfPhoneNumberIsOptedOut" -> {
                String phone = form.get("phoneNumber");
                if (phone == null || !E164.matcher(phone).matches()) {
                    snsError(ex, 400, "Sender", "InvalidParameter", "Invalid parameter: phoneNumber");
                    return;
                }
                answer = "<CheckIfPhoneNumberIsOptedOutResult><isOptedOut>" + fake.isOptedOut(phone)
                        + "</isOptedOut></CheckIfPhoneNumberIsOptedOutResult>";
            }
            case "ConfirmSubscription" -> {
                var confirmed = fake.confirm(form.getOrDefault("TopicArn", ""), form.getOrDefault("Token", ""));
                if (confirmed.isEmpty()) {
                    snsError(ex, 400, "Sender", "InvalidParameter", "Invalid token");
                    return;
                }
                answer = "<ConfirmSubscriptionResult><SubscriptionArn>" + xml(confirmed.get().subscriptionArn())
                        + "</SubscriptionArn></ConfirmSubscriptionResult>";
            }
            default -> {
                snsError(ex, 400, "Sender", "InvalidAction",
                        "The action " + action + " is not valid for this web service (the fake offers Publish, "
                                + "CheckIfPhoneNumberIsOptedOut, ConfirmSubscription)");
                return;
            }
        }
        if (fault == FailureMode.ACCEPT_THEN_HANG) {
            fake.faults().hang();
            return;
        }
        snsAnswer(ex, action, answer);
    }

    /** MessageAttributes.entry.N.Name / .Value.StringValue → name → value. */
    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i;
            out.put(form.get(prefix + ".Name"), form.getOrDefault(prefix + ".Value.StringValue", ""));
        }
        return out;
    }

    /** A GET of the SubscribeURL (or UnsubscribeURL) a subscriber received. */
    private void subscribeUrl(HttpExchange ex) throws IOException {
        Map<String, String> query = Http.first(Http.parseForm(ex.getRequestURI().getRawQuery()));
        String action = query.getOrDefault("Action", "");
        if (action.equals("ConfirmSubscription")) {
            var confirmed = fake.confirm(query.getOrDefault("TopicArn", ""), query.getOrDefault("Token", ""));
            if (confirmed.isEmpty()) {
                snsError(ex, 400, "Sender", "InvalidParameter", "Invalid token");
                return;
            }
            snsAnswer(ex, action, "<ConfirmSubscriptionResult><SubscriptionArn>"
                    + xml(confirmed.get().subscriptionArn()) + "</SubscriptionArn></ConfirmSubscriptionResult>");
        } else if (action.equals("Unsubscribe")) {
            if (!fake.unsubscribe(query.getOrDefault("SubscriptionArn", ""))) {
                snsError(ex, 404, "Sender", "NotFound", "Subscription does not exist");
                return;
            }
            snsAnswer(ex, action, null);
        } else {
            snsError(ex, 400, "Sender", "InvalidAction", "GET offers ConfirmSubscription and Unsubscribe only");
        }
    }

    private static void snsAnswer(HttpExchange ex, String action, String result) throws IOException {
        String body = "<?xml version=\"1.0\"?>\n<" + action + "Response xmlns=\"" + SNS_NS + "\">"
                + (result == null ? "" : result)
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action + "Response>";
        Http.send(ex, 200, "text/xml", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void snsError(HttpExchange ex, int status, String type, String code, String message)
            throws IOException {
        String body = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + SNS_NS + "\"><Error><Type>" + type
                + "</Type><Code>" + xml(code) + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        Http.send(ex, status, "text/xml", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
