package com.keystone.crm.property.client.rets;

import java.util.Locale;
import java.util.Map;

/** The headers of one GetObject part (Content-ID, Object-ID, Content-Type, Location...), names lower-cased. */
public record ObjectPart(Map<String, String> headers) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentId() {
        return header("Content-ID");
    }

    public String objectId() {
        return header("Object-ID");
    }

    public String location() {
        return header("Location");
    }

    public String contentType() {
        String type = header("Content-Type");
        return type == null ? "application/octet-stream" : type;
    }

    /** A part with no headers at all (the empty last part some servers send before the closing boundary). */
    public boolean isEmptyTypeless() {
        return header("Content-Type") == null && objectId() == null && location() == null && contentId() == null;
    }

    public boolean isXml() {
        String type = contentType().toLowerCase(Locale.ROOT);
        return type.startsWith("text/xml") || type.startsWith("application/xml");
    }
}
