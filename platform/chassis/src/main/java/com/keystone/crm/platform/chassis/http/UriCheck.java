package com.keystone.crm.platform.chassis.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request URI can be read: RFC 3986 syntax (the JDK's {@link URI} parser, the same check Quarkus makes before
 * the router: an invalid percent-escape such as {@code %zz}, a space or a {@code {}) and percent-escapes that decode to
 * UTF-8 ({@code %FF} is well-formed but no text). Returns what is wrong, for the caller, or null.
 */
public final class UriCheck {
    private UriCheck() {
    }

    public static String problem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "the request has no URI";
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return lowerFirst(e.getReason()) + at(uri, e.getIndex());
        }
        return utf8Problem(uri);
    }

    /** Decodes the percent-escapes (valid by now) and checks that the bytes are UTF-8. */
    static String utf8Problem(String uri) {
        if (uri.indexOf('%') < 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(uri.length());
        int i = 0;
        while (i < uri.length()) {
            if (uri.charAt(i) == '%' && i + 2 < uri.length()) {
                bytes.write(Integer.parseInt(uri, i + 1, i + 3, 16));
                i += 3;
            } else {
                int next = uri.indexOf('%', i + 1);
                int end = next < 0 ? uri.length() : next;
                bytes.writeBytes(uri.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return null;
        } catch (CharacterCodingException e) {
            return "its percent-escapes are not UTF-8 text" + (uri.indexOf('?') >= 0 ? " (in the path or the query)" : " (in the path)");
        }
    }

    private static String at(String uri, int index) {
        if (index < 0) {
            return "";
        }
        int query = uri.indexOf('?');
        return " at index " + index + (query >= 0 && index > query ? " (in the query)" : " (in the path)");
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "not a URI" : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
