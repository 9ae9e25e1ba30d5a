package com.keystone.crm.property.client.rets.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recorded RETS answer: status, headers and body bytes. PHRETS captures are complete HTTP responses (status line,
 * headers, body); python-rets captures are bodies only, whose Content-Type the harness infers (multipart boundary
 * from the first delimiter line, XML, HTML). PHRETS' {@code Content-Encoding: gzip} and {@code Transfer-Encoding}
 * describe the original transfer, not the stored (already decoded) body, so they are dropped, as the fixtures'
 * README says; Content-Length is recomputed by the server.
 */
public record Recorded(Path file, int status, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final Pattern BOUNDARY_LINE = Pattern.compile("^\\s*--([^\\r\\n]+?)\\s*$", Pattern.MULTILINE);

    public static Recorded load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (startsWith(bytes, "HTTP/1.")) {
            return http(file, bytes);
        }
        if (name.endsWith(".txt") && bytes.length > 0 && bytes[0] == '"') {
            // PHRETS keeps some bodies as a JSON string literal (escaped CR/LF and slashes)
            bytes = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readValue(bytes, String.class)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Recorded(file, 200, List.of(Map.entry("Content-Type", inferType(name, bytes))), bytes);
    }

    public String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public String text() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    /** The multipart boundary, when the body is multipart. */
    public String boundary() {
        String type = header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        return m.find() ? m.group(1) : null;
    }

    private static Recorded http(Path file, byte[] bytes) {
        int headerEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int skip = 4;
        if (headerEnd < 0) {
            headerEnd = indexOf(bytes, "\n\n".getBytes(StandardCharsets.ISO_8859_1));
            skip = 2;
        }
        String head = new String(bytes, 0, headerEnd < 0 ? bytes.length : headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\\r?\\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-encoding", "transfer-encoding", "content-length", "connection", "x-encoded-content-encoding" -> {
                }
                default -> headers.add(Map.entry(name, lines[i].substring(colon + 1).trim()));
            }
        }
        byte[] body = headerEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, headerEnd + skip, bytes.length);
        return new Recorded(file, status, headers, body);
    }

    private static String inferType(String name, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher boundary = BOUNDARY_LINE.matcher(text);
        if (boundary.find() && text.substring(0, boundary.start()).isBlank()) {
            return "multipart/parallel; boundary=\"" + boundary.group(1) + "\"";
        }
        if (name.endsWith(".html")) {
            return "text/html";
        }
        if (name.endsWith(".byte")) {
            return "image/jpeg";
        }
        return text.stripLeading().startsWith("<") ? "text/xml" : "text/plain";
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return bytes.length >= prefix.length() && new String(bytes, 0, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
