package com.keystone.crm.tools.fakes.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Http;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP side of the Twilio fake: the Messages resource as Twilio's REST API 2010-04-01 answers it. */
final class TwilioApi implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(TwilioApi.class.getName());
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern MESSAGE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
    private static final Pattern FAKE_STATUS = Pattern.compile("/_fake/messages/([^/]+)/status");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{5,6}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    /** RFC 2822, as Twilio writes dates: "Sat, 05 Dec 2026 23:44:15 +0000". */
    static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_PAGE_SIZE = 1000;

    private final TwilioFake fake;
    private final ObjectMapper json = new ObjectMapper();

    TwilioApi(TwilioFake fake) {
        this.fake = fake;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try {
            if (path.startsWith("/_fake/")) {
                handleControl(ex, path);
            } else if (path.startsWith("/2010-04-01/")) {
                handleApi(ex, path);
            } else {
                error(ex, 20404, "The requested resource " + path + " was not found", 404);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "twilio fake: request failed " + path, e);
            if (ex.getResponseCode() == -1) {
                error(ex, 20500, TwilioErrors.text(20500), 500);
            }
        } finally {
            ex.close();
        }
    }

    private void handleApi(HttpExchange ex, String path) throws IOException {
        Matcher list = MESSAGES.matcher(path);
        Matcher one = MESSAGE.matcher(path);
        if (!list.matches() && !one.matches()) {
            error(ex, 20404, "The requested resource " + path + " was not found", 404);
            return;
        }
        FailureMode fault = fake.faults().take();
        if (fault == FailureMode.HANG) {
            Http.readBody(ex);
            fake.faults().hang();
            return; // closed without an answer
        }
        if (fault != null && fault != FailureMode.ACCEPT_THEN_HANG) {
            fail(ex, fault);
            return;
        }
        String accountSid = list.matches() ? list.group(1) : one.group(1);
        if (!authenticated(ex, accountSid)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            String body = "{\"code\":20003,\"detail\":\"Your AccountSid or AuthToken was incorrect.\","
                    + "\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\","
                    + "\"status\":401}";
            Http.sendJson(ex, 401, body);
            return;
        }
        Answer answer;
        String method = ex.getRequestMethod();
        if (list.matches() && method.equals("POST")) {
            answer = create(ex, accountSid);
        } else if (list.matches() && method.equals("GET")) {
            answer = list(ex, accountSid);
        } else if (one.matches() && method.equals("GET")) {
            answer = fetch(path, one.group(2));
        } else {
            answer = errorAnswer(20004, "Method not allowed", 405);
        }
        if (fault == FailureMode.ACCEPT_THEN_HANG) {
            fake.faults().hang();
            return; // accepted, but the answer is lost
        }
        Http.sendJson(ex, answer.status, answer.body);
    }

    private record Answer(int status, String body) {
    }

    private boolean authenticated(HttpExchange ex, String accountSid) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && fake.acceptsCredentials(decoded.substring(0, colon), decoded.substring(colon + 1))
                && accountSid.equals(fake.accountSid());
    }

    // ---------------------------------------------------------------------------------------------- create

    private Answer create(HttpExchange ex, String accountSid) throws IOException {
        Map<String, String> form = Http.first(Http.parseForm(Http.bodyText(ex)));
        String to = blankToNull(form.get("To"));
        String from = blankToNull(form.get("From"));
        String service = blankToNull(form.get("MessagingServiceSid"));
        String body = blankToNull(form.get("Body"));
        String callback = blankToNull(form.get("StatusCallback"));
        if (to == null) {
            return errorAnswer(21604, TwilioErrors.text(21604), 400);
        }
        if (from == null && service == null) {
            return errorAnswer(21603, TwilioErrors.text(21603), 400);
        }
        if (body == null && blankToNull(form.get("MediaUrl")) == null) {
            return errorAnswer(21602, TwilioErrors.text(21602), 400);
        }
        if (!E164.matcher(to).matches()) {
            return errorAnswer(21211, "Invalid 'To' Phone Number: " + to, 400);
        }
        if (from != null && !E164.matcher(from).matches() && !SHORT_CODE.matcher(from).matches()
                && !ALPHANUMERIC_SENDER.matcher(from).matches()) {
            return errorAnswer(21212, "Invalid 'From' Phone Number: " + from, 400);
        }
        if (service != null && !MESSAGING_SERVICE_SID.matcher(service).matches()) {
            return errorAnswer(21701, "The Messaging Service Sid " + service + " is invalid.", 400);
        }
        if (body != null && body.length() > 1600) {
            return errorAnswer(21617, TwilioErrors.text(21617), 400);
        }
        if (callback != null && !isHttpUrl(callback)) {
            return errorAnswer(21609, TwilioErrors.text(21609) + ": " + callback, 400);
        }
        Integer rejection = fake.rejection(to).orElse(null);
        if (rejection != null && rejection < 30000) {
            return errorAnswer(rejection, TwilioErrors.text(rejection), statusOf(rejection));
        }
        TwilioFake.Stored stored = fake.accept(from, to, service, body == null ? "" : body, callback);
        return new Answer(201, messageJson(stored.snapshot()).toString());
    }

    /** Twilio's 20xxx service errors come with their own HTTP status (429, 500, 503); the recipient's 21xxx with 400. */
    private static int statusOf(int code) {
        return switch (code) {
            case 20429 -> 429;
            case 20500 -> 500;
            case 20503 -> 503;
            default -> 400;
        };
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------- fetch, list

    private Answer fetch(String path, String sid) {
        TwilioFake.Stored stored = fake.find(sid);
        if (stored == null) {
            return errorAnswer(20404, "The requested resource " + path + " was not found", 404);
        }
        return new Answer(200, messageJson(stored.snapshot()).toString());
    }

    private Answer list(HttpExchange ex, String accountSid) {
        Map<String, String> query = Http.first(Http.parseForm(ex.getRequestURI().getRawQuery()));
        Predicate<TwilioMessage> filter = m -> true;
        String to = blankToNull(query.get("To"));
        String from = blankToNull(query.get("From"));
        if (to != null) {
            filter = filter.and(m -> to.equals(m.to()));
        }
        if (from != null) {
            filter = filter.and(m -> from.equals(m.from()));
        }
        try {
            filter = filter.and(dateSentFilter(query));
        } catch (DateTimeParseException e) {
            return errorAnswer(20001, "Invalid value for DateSent: " + e.getParsedString(), 400);
        }
        int pageSize;
        int page;
        try {
            pageSize = query.containsKey("PageSize") ? Integer.parseInt(query.get("PageSize")) : 50;
            page = query.containsKey("Page") ? Integer.parseInt(query.get("Page")) : 0;
        } catch (NumberFormatException e) {
            return errorAnswer(20001, "Invalid paging parameter", 400);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || page < 0) {
            return errorAnswer(20001, "PageSize must be between 1 and " + MAX_PAGE_SIZE, 400);
        }
        // newest first, as Twilio lists messages; the page token names the last sid of the previous page, so a
        // message arriving between pages does not shift the next page
        List<TwilioMessage> all = fake.stored().stream()
                .sorted(Comparator.comparing((TwilioFake.Stored s) -> s.dateCreated).thenComparingLong(s -> s.seq)
                        .reversed())
                .map(TwilioFake.Stored::snapshot).filter(filter).toList();
        int start = page * pageSize;
        String token = query.get("PageToken");
        if (token != null && token.startsWith("PA")) {
            String after = token.substring(2);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).sid().equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        start = Math.min(start, all.size());
        int end = Math.min(start + pageSize, all.size());
        List<TwilioMessage> slice = all.subList(start, end);

        String base = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        StringBuilder filters = new StringBuilder();
        for (String name : List.of("To", "From", "DateSent", "DateSent>", "DateSent<")) {
            if (query.containsKey(name)) {
                filters.append(enc(name)).append('=').append(enc(query.get(name))).append('&');
            }
        }
        ObjectNode node = json.createObjectNode();
        node.put("first_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=0");
        node.put("end", Math.max(start, end - 1));
        if (end < all.size()) {
            node.put("next_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page + 1)
                    + "&PageToken=PA" + slice.get(slice.size() - 1).sid());
        } else {
            node.putNull("next_page_uri");
        }
        node.put("page", page);
        node.put("page_size", pageSize);
        if (page > 0) {
            node.put("previous_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page - 1));
        } else {
            node.putNull("previous_page_uri");
        }
        node.put("start", start);
        node.put("uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=" + page);
        ArrayNode messages = node.putArray("messages");
        slice.forEach(m -> messages.add(messageJson(m)));
        return new Answer(200, node.toString());
    }

    /** DateSent (that day), DateSent&gt; (on or after), DateSent&lt; (on or before): a date or a UTC date-time. */
    private static Predicate<TwilioMessage> dateSentFilter(Map<String, String> query) {
        Predicate<TwilioMessage> filter = m -> true;
        String on = blankToNull(query.get("DateSent"));
        String after = blankToNull(query.get("DateSent>"));
        String before = blankToNull(query.get("DateSent<"));
        if (on != null) {
            Instant from = startOf(on);
            Instant to = on.length() == 10 ? from.plusSeconds(86_400) : from.plusSeconds(1);
            filter = filter.and(m -> m.dateSent() != null && !m.dateSent().isBefore(from) && m.dateSent().isBefore(to));
        }
        if (after != null) {
            Instant from = startOf(after);
            filter = filter.and(m -> m.dateSent() != null && !m.dateSent().isBefore(from));
        }
        if (before != null) {
            Instant to = before.length() == 10 ? startOf(before).plusSeconds(86_400) : startOf(before).plusSeconds(1);
            filter = filter.and(m -> m.dateSent() != null && m.dateSent().isBefore(to));
        }
        return filter;
    }

    private static Instant startOf(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String v = value.endsWith("Z") ? value.substring(0, value.length() - 1) : value;
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    }

    ObjectNode messageJson(TwilioMessage m) {
        String uri = "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid() + ".json";
        ObjectNode node = json.createObjectNode();
        node.put("account_sid", m.accountSid());
        node.put("api_version", "2010-04-01");
        node.put("body", m.body());
        node.put("date_created", RFC_2822.format(m.dateCreated()));
        node.put("date_sent", m.dateSent() == null ? null : RFC_2822.format(m.dateSent()));
        node.put("date_updated", RFC_2822.format(m.dateUpdated()));
        node.put("direction", m.direction());
        if (m.errorCode() == null) {
            node.putNull("error_code");
        } else {
            node.put("error_code", m.errorCode());
        }
        node.put("error_message", m.errorMessage());
        node.put("from", m.from());
        node.put("messaging_service_sid", m.messagingServiceSid());
        node.put("num_media", "0");
        node.put("num_segments", String.valueOf(m.numSegments()));
        node.putNull("price");
        node.put("price_unit", "USD");
        node.put("sid", m.sid());
        node.put("status", m.status());
        node.putObject("subresource_uris").put("media", uri.replace(".json", "/Media.json"));
        node.put("to", m.to());
        node.put("uri", uri);
        return node;
    }

    // ---------------------------------------------------------------------------------------------- control

    private void handleControl(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            Http.sendText(ex, 405, "POST only");
            return;
        }
        Map<String, String> form = Http.first(Http.parseForm(Http.bodyText(ex)));
        if (path.equals("/_fake/inbound")) {
            String from = blankToNull(form.get("From"));
            String to = blankToNull(form.get("To"));
            String body = form.getOrDefault("Body", "");
            if (from == null || to == null) {
                Http.sendText(ex, 400, "From and To are required");
                return;
            }
            if (fake.inboundWebhook() == null) {
                Http.sendText(ex, 409, "no inbound webhook configured");
                return;
            }
            TwilioFake.InboundResult result = fake.injectInbound(from, to, body);
            ObjectNode node = json.createObjectNode();
            node.put("sid", result.message().sid());
            node.put("webhookStatus", result.webhook().status());
            node.put("replies", result.replies().size());
            Http.sendJson(ex, 200, node.toString());
            return;
        }
        Matcher status = FAKE_STATUS.matcher(path);
        if (status.matches()) {
            String sid = status.group(1);
            if (fake.find(sid) == null) {
                Http.sendText(ex, 404, "no such message: " + sid);
                return;
            }
            try {
                String code = blankToNull(form.get("ErrorCode"));
                fake.complete(sid, form.getOrDefault("Status", ""), code == null ? null : Integer.valueOf(code));
            } catch (IllegalArgumentException e) {
                Http.sendText(ex, 400, e.getMessage());
                return;
            }
            Http.sendJson(ex, 200, messageJson(fake.message(sid).orElseThrow()).toString());
            return;
        }
        Http.sendText(ex, 404, "no such endpoint: " + path);
    }

    // ---------------------------------------------------------------------------------------------- errors

    private void fail(HttpExchange ex, FailureMode fault) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(fake.faults().retryAfterSeconds()));
                error(ex, 20429, TwilioErrors.text(20429), 429);
            }
            case SERVICE_UNAVAILABLE -> error(ex, 20503, TwilioErrors.text(20503), 503);
            default -> error(ex, 20500, TwilioErrors.text(20500), 500);
        }
    }

    private Answer errorAnswer(int code, String message, int status) {
        return new Answer(status, TwilioErrors.body(json, code, message, status));
    }

    private void error(HttpExchange ex, int code, String message, int status) throws IOException {
        Http.sendJson(ex, status, TwilioErrors.body(json, code, message, status));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
