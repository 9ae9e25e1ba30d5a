package com.keystone.crm.property.client.rets;

import java.util.List;
import java.util.Map;

/** Receives the parts of a RETS COMPACT document (search result or metadata) as the parser streams through it. */
public interface CompactHandler {

    /** The ReplyCode and ReplyText of the RETS element (or of a RETS-STATUS element); called before any row. */
    default void reply(int code, String text) throws Exception {
    }

    /** Any other element opened: METADATA-*, SYSTEM, COUNT... with its attributes. */
    default void element(String name, Map<String, String> attributes) throws Exception {
    }

    default void count(long records) throws Exception {
    }

    default void columns(List<String> names) throws Exception {
    }

    default void row(List<String> values) throws Exception {
    }

    /** The server capped the result (more rows exist). */
    default void maxRows() throws Exception {
    }

    /** The body of a RETS-RESPONSE element (the login's key=value lines). */
    default void response(String body) throws Exception {
    }
}
