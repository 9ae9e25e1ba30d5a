package com.keystone.crm.platform.chassis.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * Conditional reads (RFC 9110 13.1.2): a client that already holds the current representation sends its ETag in
 * {@code If-None-Match} and gets {@code 304 Not Modified} without a body, so the mobile app re-reads only what
 * changed. If-None-Match compares weakly: {@code W/"3"} matches {@code "3"}; {@code *} matches any representation.
 */
public final class IfNoneMatch {
    private IfNoneMatch() {
    }

    /** Whether the header names the current entity tag (the unquoted version, as {@link IfMatch#tag} gives it). */
    public static boolean matches(String ifNoneMatch, String currentTag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if ("*".equals(tag)) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(currentTag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answer to a GET: 304 with the ETag (and no body) when the client's copy is current, else 200 with the
     * entity and its strong ETag.
     */
    public static Response ok(Object entity, String currentTag, String ifNoneMatch) {
        EntityTag tag = new EntityTag(currentTag);
        if (matches(ifNoneMatch, currentTag)) {
            return Response.notModified(tag).build();
        }
        return Response.ok(entity).tag(tag).build();
    }
}
