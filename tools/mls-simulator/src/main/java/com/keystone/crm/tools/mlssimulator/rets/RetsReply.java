package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.http.Http;
import com.keystone.crm.tools.mlssimulator.xml.Xml;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Writes RETS XML bodies: the XML declaration and Content-Type name the charset (UTF-8, or ISO-8859-1 by fault). */
final class RetsReply {

    static final String VERSION = "RETS/1.7.2";

    private RetsReply() {
    }

    static Charset charset(boolean latin1) {
        return latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    /** Opens a streamed XML body; the caller writes from the root element on and closes the writer. */
    static Writer open(HttpExchange ex, int status, boolean latin1) throws IOException {
        Charset cs = charset(latin1);
        OutputStream out = Http.stream(ex, status, "text/xml; charset=" + cs.name());
        Writer w = new OutputStreamWriter(out, cs.newEncoder()
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
        w.write("<?xml version=\"1.0\" encoding=\"" + cs.name() + "\"?>\n");
        return new java.io.BufferedWriter(w, 16_384);
    }

    /** A body with only the reply code and text (errors, 20201, 20037...). */
    static void code(HttpExchange ex, int code, String text, boolean latin1) throws IOException {
        try (Writer w = open(ex, 200, latin1)) {
            w.write("<RETS ReplyCode=\"" + code + "\" ReplyText=\"" + Xml.escape(text) + "\"/>\n");
        }
    }

    static byte[] codeBytes(int code, String text) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<RETS ReplyCode=\"" + code + "\" ReplyText=\""
                + Xml.escape(text) + "\"/>\n").getBytes(StandardCharsets.UTF_8);
    }
}
