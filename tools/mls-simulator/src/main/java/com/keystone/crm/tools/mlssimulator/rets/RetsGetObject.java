package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.SimulatedFeed;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GetObject (RETS 1.7.2 §5): {@code Resource=Property}, {@code Type=Photo}, {@code ID=KEY:*}, {@code KEY:1:2},
 * {@code KEY:0} (the preferred photo) or {@code KEY}, several separated by commas; {@code Location=0} sends the
 * JPEGs, {@code Location=1} parts with a {@code Location} header pointing at the MediaURL. One object asked by
 * number comes back as a plain entity; anything else as multipart/parallel, where a missing object is a
 * text/xml part with ReplyCode 20403 among the good parts.
 */
final class RetsGetObject {

    static final String BOUNDARY = "KEYSTONE-SIM-RETS-OBJECT-BOUNDARY";

    private record Wanted(String key, Integer objectId) {
    }

    private final SimulatedFeed feed;

    RetsGetObject(SimulatedFeed feed) {
        this.feed = feed;
    }

    void handle(HttpExchange ex, Map<String, String> p) throws IOException {
        if (!RetsMetadata.RESOURCE.equals(p.get("Resource"))) {
            single(ex, RetsReply.codeBytes(20400, "Invalid Resource: " + p.get("Resource")));
            return;
        }
        if (!"Photo".equalsIgnoreCase(p.get("Type"))) {
            single(ex, RetsReply.codeBytes(20401, "Invalid Type: " + p.get("Type") + " (Photo is served)"));
            return;
        }
        List<Wanted> wanted;
        boolean many;
        try {
            String id = p.get("ID");
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("ID is required");
            }
            wanted = new ArrayList<>();
            many = expand(id, wanted);
        } catch (IllegalArgumentException e) {
            single(ex, RetsReply.codeBytes(20402, "Invalid Identifier: " + e.getMessage()));
            return;
        }
        boolean location = "1".equals(p.get("Location"));
        if (!many) {
            Wanted w = wanted.get(0);
            Optional<byte[]> photo = w.objectId == null ? Optional.empty() : feed.photo(w.key + "-" + w.objectId);
            if (photo.isEmpty()) {
                single(ex, RetsReply.codeBytes(20403, "No Object Found: " + w.key + ":" + w.objectId));
                return;
            }
            ex.getResponseHeaders().set("Content-ID", w.key);
            ex.getResponseHeaders().set("Object-ID", String.valueOf(w.objectId));
            if (w.objectId == 1) {
                ex.getResponseHeaders().set("Preferred", "1");
            }
            if (location) {
                ex.getResponseHeaders().set("Location", feed.mediaUrl(w.key + "-" + w.objectId));
                ex.getResponseHeaders().set("Content-Type", "image/jpeg");
                Http.begin(ex, 200, -1);
            } else {
                Http.send(ex, 200, "image/jpeg", photo.get());
            }
            return;
        }
        ex.getResponseHeaders().set("MIME-Version", "1.0");
        ex.getResponseHeaders().set("Content-Type", "multipart/parallel; boundary=\"" + BOUNDARY + "\"");
        Http.begin(ex, 200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (Wanted w : wanted) {
                part(out, w, location);
            }
            out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Resolves the ID list; true when the answer is multipart (more than one object, or a wildcard). */
    private boolean expand(String id, List<Wanted> into) {
        boolean many = false;
        for (String entity : id.split(",")) {
            String[] parts = entity.trim().split(":");
            String key = parts[0].trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty resource entity in " + id);
            }
            if (parts.length == 1) {
                into.add(new Wanted(key, 1));
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String obj = parts[i].trim();
                if (obj.equals("*")) {
                    many = true;
                    Optional<Listing> l = feed.find(key);
                    if (l.isEmpty() || l.get().photosCount() == 0) {
                        into.add(new Wanted(key, null));
                    } else {
                        for (int n = 1; n <= l.get().photosCount(); n++) {
                            into.add(new Wanted(key, n));
                        }
                    }
                } else {
                    int n;
                    try {
                        n = Integer.parseInt(obj);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("object id '" + obj + "' is not a number or *");
                    }
                    into.add(new Wanted(key, n == 0 ? 1 : n)); // 0: the preferred object, our first photo
                }
            }
        }
        return many || into.size() > 1;
    }

    private void part(OutputStream out, Wanted w, boolean location) throws IOException {
        String objectId = w.objectId == null ? "0" : String.valueOf(w.objectId);
        // Location=1 answers URLs only: the photo's existence is enough, its bytes are not produced
        Optional<byte[]> photo = w.objectId == null || location ? Optional.empty() : feed.photo(w.key + "-" + w.objectId);
        boolean exists = w.objectId != null && (location ? feed.hasPhoto(w.key + "-" + w.objectId) : photo.isPresent());
        StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n");
        if (!exists) {
            byte[] xml = RetsReply.codeBytes(20403, "No Object Found: " + w.key + ":" + objectId);
            head.append("Content-Type: text/xml\r\nContent-ID: ").append(w.key).append("\r\nObject-ID: ")
                    .append(objectId).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(xml);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        head.append("Content-Type: image/jpeg\r\nContent-ID: ").append(w.key).append("\r\nObject-ID: ")
                .append(objectId).append("\r\n");
        if (w.objectId == 1) {
            head.append("Preferred: 1\r\n");
        }
        if (location) {
            head.append("Location: ").append(feed.mediaUrl(w.key + "-" + w.objectId)).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        head.append("Content-Length: ").append(photo.get().length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(photo.get());
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void single(HttpExchange ex, byte[] xml) throws IOException {
        Http.send(ex, 200, "text/xml; charset=UTF-8", xml);
    }
}
