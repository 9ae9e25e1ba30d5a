package com.keystone.crm.tools.mlssimulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.zip.GZIPOutputStream;

/** Small helpers over the JDK HttpExchange: parameters, bodies, responses (gzip when the client asks for it). */
public final class Http {

    // per exchange, not an exchange attribute: the JDK 17 server keeps those on the context, shared by all requests
    private static final Map<HttpExchange, IntConsumer> RESPONSE_HOOKS = new ConcurrentHashMap<>();
    private static final int MAX_BODY = 1 << 20;

    private Http() {
    }

    /** Tells {@code hook} this exchange's status just before its headers go out, until {@link #forget}. */
    public static void onResponse(HttpExchange ex, IntConsumer hook) {
        RESPONSE_HOOKS.put(ex, hook);
    }

    public static void forget(HttpExchange ex) {
        RESPONSE_HOOKS.remove(ex);
    }

    /** Query parameters and, for a form POST, body parameters; names case-insensitive, last one wins. */
    public static Map<String, String> params(HttpExchange ex) throws IOException {
        Map<String, String> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parseInto(ex.getRequestURI().getRawQuery(), params);
        if ("POST".equalsIgnoreCase(ex.getRequestMethod())) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                parseInto(new String(readBody(ex), StandardCharsets.UTF_8), params);
            }
        }
        return params;
    }

    public static void parseInto(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(decode(name), decode(value));
        }
    }

    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%': keep it literal rather than fail the request
        }
    }

    public static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BODY) {
                    throw new IOException("request body too large");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    public static boolean acceptsGzip(HttpExchange ex) {
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        return accept != null && accept.toLowerCase().contains("gzip");
    }

    /**
     * Sends the status line and headers ({@code length}: -1 none, 0 chunked, else fixed). The response hook runs
     * first, so whatever counts responses has counted this one before the client can see it.
     */
    public static void begin(HttpExchange ex, int status, long length) throws IOException {
        IntConsumer hook = RESPONSE_HOOKS.get(ex);
        if (hook != null) {
            hook.accept(status);
        }
        ex.sendResponseHeaders(status, length);
    }

    /** A whole response. Text bodies are gzipped when the client accepts gzip. */
    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length > 0 && contentType != null && !contentType.startsWith("image/") && acceptsGzip(ex)) {
            try (OutputStream out = stream(ex, status, contentType)) {
                out.write(body);
            }
            return;
        }
        begin(ex, status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public static void sendText(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed (chunked) response; gzip when accepted. The caller closes the stream. */
    public static OutputStream stream(HttpExchange ex, int status, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean gzip = acceptsGzip(ex);
        if (gzip) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        begin(ex, status, 0);
        OutputStream raw = ex.getResponseBody();
        OutputStream out = gzip ? new GZIPOutputStream(raw, 8192) : raw;
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        };
    }
}
