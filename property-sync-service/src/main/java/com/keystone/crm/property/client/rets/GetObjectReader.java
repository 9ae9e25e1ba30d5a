package com.keystone.crm.property.client.rets;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Streams the parts of a GetObject multipart/parallel response with mime4j, one part at a time: headers (folded
 * lines unfolded) and a body stream valid until the next part is read. A part that is itself a RETS XML reply
 * (20403 "no object" among good parts) is shown to the caller like any other; it decides.
 */
public final class GetObjectReader {

    /** Receives a part and its body stream; returning false stops reading. */
    @FunctionalInterface
    public interface PartHandler {
        boolean part(ObjectPart part, InputStream body) throws Exception;
    }

    private GetObjectReader() {
    }

    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    public static void read(InputStream body, String contentType, PartHandler handler) throws Exception {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.parseHeadless(body, contentType);
        Map<String, String> headers = new LinkedHashMap<>();
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = next(stream)) {
            switch (state) {
                case T_START_BODYPART -> headers = new LinkedHashMap<>();
                case T_FIELD -> {
                    Field field = stream.getField();
                    headers.put(field.getName().toLowerCase(Locale.ROOT), unfold(field.getBody()));
                }
                case T_BODY -> {
                    try (InputStream partBody = stream.getDecodedInputStream()) {
                        if (!handler.part(new ObjectPart(Map.copyOf(headers)), partBody)) {
                            return;
                        }
                    }
                }
                default -> {
                    // preamble, epilogue and the multipart frame itself carry nothing for us
                }
            }
        }
    }

    /** The first part's headers and its body, still streaming from {@code body}. */
    public record FirstPart(ObjectPart part, InputStream body) {
    }

    /** Positions the stream on the first part and returns its body without reading it (for streaming one photo). */
    public static FirstPart first(InputStream body, String contentType) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.parseHeadless(body, contentType);
        Map<String, String> headers = new LinkedHashMap<>();
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            if (state == EntityState.T_FIELD) {
                Field field = stream.getField();
                headers.put(field.getName().toLowerCase(Locale.ROOT), unfold(field.getBody()));
            } else if (state == EntityState.T_BODY) {
                return new FirstPart(new ObjectPart(Map.copyOf(headers)), stream.getDecodedInputStream());
            }
        }
        return null;
    }

    private static EntityState next(MimeTokenStream stream) throws IOException, MimeException {
        return stream.next();
    }

    private static String unfold(String value) {
        return value == null ? null : value.replaceAll("\\r?\\n[ \\t]+", " ").trim();
    }
}
