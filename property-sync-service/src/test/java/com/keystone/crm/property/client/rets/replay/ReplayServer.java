package com.keystone.crm.property.client.rets.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server replaying recorded RETS answers, so the real client (HttpClient, cookies, the parsers) reads
 * them as it would read the server that produced them. Each transaction (the last path segment: Login, Search,
 * GetMetadata, GetObject, Logout) is answered by a function of the request's parameters; the default Login is a
 * minimal RETS 1.7.2 login with relative capability URLs, everything else answers "no records" / "no metadata".
 */
public final class ReplayServer implements AutoCloseable {

    /** One request as received: transaction, parameters (query and form), headers that matter. */
    public record Request(String transaction, Map<String, String> parameters, String cookie) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Recorded>> routes = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        on("login", r -> xml(login("2026-01-01T00:00:00Z", null)));
        on("getmetadata", r -> xml("<RETS ReplyCode=\"20503\" ReplyText=\"No Metadata Found\"/>"));
        on("search", r -> xml("<RETS ReplyCode=\"20201\" ReplyText=\"No Records Found\"/>"));
        on("logout", r -> xml("<RETS ReplyCode=\"0\" ReplyText=\"Goodbye\"/>"));
        server.start();
    }

    public String loginUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rets/Login";
    }

    /** Answers a transaction (case-insensitive) with the function's recording. */
    public ReplayServer on(String transaction, Function<Request, Recorded> answer) {
        routes.put(transaction.toLowerCase(Locale.ROOT), answer);
        return this;
    }

    /** Answers the first request of a transaction with {@code first}, later ones as before. */
    public ReplayServer once(String transaction, Recorded first) {
        Function<Request, Recorded> later = routes.get(transaction.toLowerCase(Locale.ROOT));
        boolean[] used = {false};
        return on(transaction, r -> {
            synchronized (used) {
                if (!used[0]) {
                    used[0] = true;
                    return first;
                }
            }
            return later.apply(r);
        });
    }

    public List<Request> requests(String transaction) {
        return requests.stream().filter(r -> r.transaction().equalsIgnoreCase(transaction)).toList();
    }

    public static String login(String metadataTimestamp, String metadataVersion) {
        return "<RETS ReplyCode=\"0\" ReplyText=\"Success\">\r\n<RETS-RESPONSE>\r\nMemberName=Replay\r\n"
                + (metadataVersion != null ? "MetadataVersion=" + metadataVersion + "\r\n" : "")
                + (metadataTimestamp != null ? "MetadataTimestamp=" + metadataTimestamp + "\r\n" : "")
                + "Login=/rets/Login\r\nSearch=/rets/Search\r\nGetMetadata=/rets/GetMetadata\r\nGetObject=/rets/GetObject\r\n"
                + "Logout=/rets/Logout\r\n</RETS-RESPONSE>\r\n</RETS>\r\n";
    }

    public static Recorded xml(String body) {
        return body("text/xml", body.getBytes(StandardCharsets.UTF_8));
    }

    public static Recorded body(String contentType, byte[] body) {
        return new Recorded(null, 200, List.of(Map.entry("Content-Type", contentType)), body);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String transaction = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\.\\w+$", "").toLowerCase(Locale.ROOT);
            Map<String, String> parameters = new LinkedHashMap<>();
            parse(ex.getRequestURI().getRawQuery(), parameters);
            parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), parameters);
            Request request = new Request(transaction, parameters, ex.getRequestHeaders().getFirst("Cookie"));
            requests.add(request);
            Function<Request, Recorded> route = routes.get(transaction);
            Recorded answer = route == null ? body("text/plain", "no such transaction".getBytes(StandardCharsets.UTF_8)) : route.apply(request);
            int status = route == null ? 404 : answer.status();
            answer.headers().forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
            byte[] bytes = answer.body();
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isBlank()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
