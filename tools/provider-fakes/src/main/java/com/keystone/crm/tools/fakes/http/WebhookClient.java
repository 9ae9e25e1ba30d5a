package com.keystone.crm.tools.fakes.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * POSTs webhooks (form or JSON) and keeps a log of the calls (the last {@value #LOG_LIMIT}), newest last. Plain
 * {@link HttpURLConnection} with the JDK's keep-alive cache: the fakes run in the benchmarks' JVM, and the
 * asynchronous {@code java.net.http.HttpClient} cost about a fifth of a core at 400 messages/s (two callbacks each).
 */
public final class WebhookClient {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 15_000;
    /** Bounded so a long local-stack run or a benchmark does not grow the heap without end. */
    static final int LOG_LIMIT = 50_000;
    private final ConcurrentLinkedDeque<WebhookCall> log = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger logged = new java.util.concurrent.atomic.AtomicInteger();
    private final Clock clock;

    public WebhookClient(Clock clock) {
        this.clock = clock;
    }

    /** Sends synchronously; never throws for a network failure (the call records it). */
    public WebhookCall post(String url, String contentType, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        WebhookCall call;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setRequestMethod("POST");
            c.setInstanceFollowRedirects(false); // a webhook's answer is recorded as it came, as Twilio would see it
            c.setDoOutput(true);
            headers.forEach(c::setRequestProperty);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
            int status = c.getResponseCode();
            call = new WebhookCall(clock.instant(), url, headers, body, status, readFully(c, status), null);
        } catch (Exception e) {
            call = new WebhookCall(clock.instant(), url, headers, body, -1, null, e.toString());
        }
        log.addLast(call);
        if (logged.incrementAndGet() > LOG_LIMIT && log.pollFirst() != null) {
            logged.decrementAndGet();
        }
        return call;
    }

    /** The answer's body, read to its end so the connection goes back to the keep-alive cache. */
    private static String readFully(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public List<WebhookCall> calls() {
        return List.copyOf(log);
    }

    public void clear() {
        log.clear();
        logged.set(0);
    }
}
