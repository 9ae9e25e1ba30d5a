package com.keystone.crm.tools.fakes.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/** POSTs webhooks (form or JSON) and keeps a log of the calls (the last {@value #LOG_LIMIT}), newest last. */
public final class WebhookClient {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            call = new WebhookCall(clock.instant(), url, headers, body, response.statusCode(), response.body(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call = new WebhookCall(clock.instant(), url, headers, body, -1, null, "interrupted");
        } catch (Exception e) {
            call = new WebhookCall(clock.instant(), url, headers, body, -1, null, e.toString());
        }
        log.addLast(call);
        if (logged.incrementAndGet() > LOG_LIMIT && log.pollFirst() != null) {
            logged.decrementAndGet();
        }
        return call;
    }

    public List<WebhookCall> calls() {
        return List.copyOf(log);
    }

    public void clear() {
        log.clear();
        logged.set(0);
    }
}
