package com.keystone.crm.tools.fakes.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** A test's webhook endpoint: records every POST and answers 200 (or what {@link #answer} says). */
public final class WebhookReceiver implements AutoCloseable {

    /** One request received: its full URL, headers (lower-case names) and body. */
    public record Received(String url, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** An answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> answer = r -> new Answer(200, "text/plain", "");

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new TreeMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
                Received r = new Received(url(ex.getRequestURI().toString()), headers, body);
                received.add(r);
                Answer a = answer.apply(r);
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", a.contentType());
                ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    public String url(String pathAndQuery) {
        return "http://localhost:" + server.getAddress().getPort() + pathAndQuery;
    }

    public void answer(Function<Received, Answer> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.url().equals(url(path)) || r.url().startsWith(url(path) + "?"))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
