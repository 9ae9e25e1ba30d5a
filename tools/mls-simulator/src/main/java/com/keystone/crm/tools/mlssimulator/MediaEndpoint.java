package com.keystone.crm.tools.mlssimulator;

import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** GET /media/&lt;MediaKey&gt;.jpg: the photo's current JPEG, with a strong ETag (If-None-Match gives 304). */
final class MediaEndpoint implements Endpoint {

    private final SimulatedFeed feed;

    MediaEndpoint(SimulatedFeed feed) {
        this.feed = feed;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (!"GET".equalsIgnoreCase(ex.getRequestMethod()) && !"HEAD".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            Http.sendText(ex, 405, "use GET");
            return;
        }
        String name = ex.getRequestURI().getPath().substring("/media/".length());
        Optional<byte[]> photo = name.endsWith(".jpg")
                ? feed.photo(name.substring(0, name.length() - 4)) : Optional.empty();
        if (photo.isEmpty()) {
            Http.sendText(ex, 404, "no such photo: " + name);
            return;
        }
        String etag = "\"" + sha256(photo.get()) + "\"";
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            Http.begin(ex, 304, -1);
            return;
        }
        if ("HEAD".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Content-Type", "image/jpeg");
            ex.getResponseHeaders().set("Content-Length", String.valueOf(photo.get().length));
            Http.begin(ex, 200, -1);
            return;
        }
        Http.send(ex, 200, "image/jpeg", photo.get());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
