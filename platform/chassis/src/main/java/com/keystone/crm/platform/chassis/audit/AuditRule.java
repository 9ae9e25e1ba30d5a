package com.keystone.crm.platform.chassis.audit;

import java.util.List;
import java.util.Locale;

/**
 * One audited route: {@code <action> <METHOD> <path template> [response media type]}, e.g.
 * {@code lead.deleted DELETE /api/v1/leads/{id}}. A {@code {name}} segment matches one path segment; the first one is
 * the record acted on (the target). With a media type, only answers of that type are audited (a CSV answer beside a
 * JSON read of the same path). A streamed answer ({@code Multi}) never reaches the filter that applies these rules:
 * its resource calls {@link DataAccessAudit#recordDownload}.
 */
public record AuditRule(String action, String method, List<String> segments, String mediaType) {

    public static AuditRule parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (parts.length < 3 || parts.length > 4 || !parts[2].startsWith("/")) {
            throw new IllegalArgumentException("an audit rule is '<action> <METHOD> </path/{id}> [media/type]', not: " + spec);
        }
        return new AuditRule(parts[0], parts[1].toUpperCase(Locale.ROOT), segments(parts[2]),
                parts.length == 4 ? parts[3].toLowerCase(Locale.ROOT) : null);
    }

    /** The target id when the request matches (the first template variable's value, or "" without one); else null. */
    public String match(String method, String path, String responseMediaType) {
        if (!this.method.equals(method)) {
            return null;
        }
        List<String> actual = segments(path);
        if (actual.size() != segments.size()) {
            return null;
        }
        String target = "";
        boolean first = true;
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (first) {
                    target = actual.get(i);
                    first = false;
                }
            } else if (!expected.equals(actual.get(i))) {
                return null;
            }
        }
        if (mediaType != null && (responseMediaType == null || !responseMediaType.toLowerCase(Locale.ROOT).startsWith(mediaType))) {
            return null;
        }
        return target;
    }

    private static List<String> segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
