package com.keystone.crm.property.client.rets;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsException.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a RETS COMPACT / COMPACT-DECODED body with StAX, one DATA row at a time, so a result of any size takes
 * constant memory. The byte stream passes through {@link XmlCharRefFilterInputStream} first so a forbidden
 * character reference does not kill the parse. The charset is the one the HTTP header declared, else the provider's
 * configured one, else the XML declaration's; a body read as UTF-8 goes through {@link Utf8RepairInputStream}, so a
 * Latin-1 byte is decoded as windows-1252 (and its row counted) instead of failing the page. The delimiter comes
 * from {@code <DELIMITER value="09"/>} (hex, one or two digits; tab by default); one leading and one trailing
 * delimiter are removed from each COLUMNS/DATA line, and nothing else is trimmed so values keep their spaces and
 * CR/LF. STANDARD-XML metadata ({@code <METADATA-TABLE><Field><SystemName>...}, sections nested or not) is handed to
 * the handler as the same columns and rows, so one handler reads both formats. A body whose root is not
 * {@code <RETS>} (an HTML error page with status 200) or that is not XML at all is refused.
 */
public final class CompactParser {

    private static final XMLInputFactory FACTORY = createFactory();
    private static final Pattern DECLARED = Pattern.compile("<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    /** How to turn the body's bytes into characters. */
    public record Decoding(String declared, String configured, LongConsumer repairedRows) {
    }

    private CompactParser() {
    }

    public static void parse(InputStream body, String charset, CompactHandler handler) throws Exception {
        parseWith(body, new Decoding(charset, null, null), handler);
    }

    public static void parseWith(InputStream body, Decoding decoding, CompactHandler handler) throws Exception {
        BufferedInputStream buffered = new BufferedInputStream(body, 64 * 1024);
        String charset = decoding.declared() != null ? decoding.declared() : decoding.configured();
        if (charset == null) {
            charset = sniff(buffered);
        }
        Utf8RepairInputStream repair = null;
        InputStream bytes = buffered;
        if (charset == null || isUtf8(charset)) {
            repair = new Utf8RepairInputStream(buffered);
            bytes = repair;
            charset = "UTF-8";
        }
        InputStream filtered = new XmlCharRefFilterInputStream(bytes);
        XMLStreamReader xml;
        try {
            xml = FACTORY.createXMLStreamReader(filtered, charset);
        } catch (XMLStreamException e) {
            throw notXml(e);
        }
        try {
            read(xml, handler);
        } catch (XMLStreamException e) {
            throw notXml(e);
        } finally {
            xml.close();
            if (repair != null && repair.repairedRows() > 0 && decoding.repairedRows() != null) {
                decoding.repairedRows().accept(repair.repairedRows());
            }
        }
    }

    private static void read(XMLStreamReader xml, CompactHandler handler) throws Exception {
        char delimiter = '\t';
        boolean root = true;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            if (root) {
                root = false;
                if (!"RETS".equals(name) && !"RETS-STATUS".equals(name)) {
                    throw new MlsException(Kind.MALFORMED, 200, null, "the answer is not a RETS document: its root is <" + name
                            + "> where <RETS> was expected (an HTML error or login page?)", null);
                }
            }
            switch (name) {
                case "RETS", "RETS-STATUS" -> handler.reply(replyCode(xml), xml.getAttributeValue(null, "ReplyText"));
                case "DELIMITER" -> delimiter = delimiter(xml.getAttributeValue(null, "value"));
                case "COUNT" -> handler.count(Long.parseLong(xml.getAttributeValue(null, "Records").trim()));
                case "MAXROWS" -> handler.maxRows();
                case "COLUMNS" -> handler.columns(split(xml.getElementText(), delimiter));
                case "DATA" -> handler.row(split(xml.getElementText(), delimiter));
                case "RETS-RESPONSE" -> {
                    String text = textOrNull(xml);
                    if (text != null) {
                        handler.response(text);
                    } else {
                        handler.element("RETS-RESPONSE", Map.of()); // records as XML elements: a STANDARD-XML answer
                    }
                }
                default -> {
                    if (name.startsWith("METADATA-")) {
                        delimiter = section(xml, name, attributes(xml), delimiter, handler);
                    } else {
                        handler.element(name, attributes(xml));
                    }
                }
            }
        }
        if (root) {
            throw new MlsException(Kind.MALFORMED, 200, null, "the answer is empty: no <RETS> document", null);
        }
    }

    /**
     * A METADATA-* section: COMPACT (COLUMNS and DATA) or STANDARD-XML (one element per record, one child per column,
     * sections possibly nested inside records). Returns the delimiter in force after it.
     */
    private static char section(XMLStreamReader xml, String name, Map<String, String> attributes, char delimiter,
                                CompactHandler handler) throws Exception {
        handler.element(name, attributes);
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && name.equals(xml.getLocalName())) {
                return delimiter;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String child = xml.getLocalName();
            switch (child) {
                case "DELIMITER" -> delimiter = delimiter(xml.getAttributeValue(null, "value"));
                case "COLUMNS" -> handler.columns(split(xml.getElementText(), delimiter));
                case "DATA" -> handler.row(split(xml.getElementText(), delimiter));
                case "SYSTEM" -> {
                    Map<String, String> systemAttributes = attributes(xml);
                    if (!systemAttributes.isEmpty()) {
                        handler.element("SYSTEM", systemAttributes); // COMPACT: the values are attributes
                        skip(xml);
                    } else {
                        record(xml, child, name, attributes, delimiter, handler);
                    }
                }
                default -> {
                    if (child.startsWith("METADATA-")) {
                        delimiter = section(xml, child, attributes(xml), delimiter, handler);
                        handler.element(name, attributes); // back in the enclosing section
                    } else {
                        record(xml, child, name, attributes, delimiter, handler);
                    }
                }
            }
        }
        return delimiter;
    }

    /** One STANDARD-XML record: its child elements are the columns; a nested section is read on its own. */
    private static void record(XMLStreamReader xml, String element, String section, Map<String, String> sectionAttributes,
                               char delimiter, CompactHandler handler) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && element.equals(xml.getLocalName())) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String column = xml.getLocalName();
            if (column.startsWith("METADATA-")) {
                section(xml, column, attributes(xml), delimiter, handler);
                handler.element(section, sectionAttributes);
                continue;
            }
            String text = textOrNull(xml);
            values.put(column, text == null ? "" : text);
        }
        handler.columns(new ArrayList<>(values.keySet()));
        handler.row(new ArrayList<>(values.values()));
    }

    /** The element's text, or null (the element skipped) when it holds elements. */
    private static String textOrNull(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        boolean elements = false;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    elements = true;
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!elements) {
                        text.append(xml.getText());
                    }
                }
                default -> {
                }
            }
        }
        return elements ? null : text.toString();
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        textOrNull(xml);
    }

    /** One COLUMNS or DATA line split on the delimiter, without the delimiters that open and close it. */
    static List<String> split(String line, char delimiter) {
        int start = 0;
        int end = line.length();
        // a line may sit on its own line in the document: ignore the newlines around it, not those inside values
        while (start < end && (line.charAt(start) == '\n' || line.charAt(start) == '\r') && delimiter != '\n') {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r') && delimiter != '\n') {
            end--;
        }
        boolean opened = start < end && line.charAt(start) == delimiter;
        if (opened) {
            start++;
        }
        boolean closed = end > start && line.charAt(end - 1) == delimiter;
        if (closed) {
            end--;
        }
        if (start >= end) {
            // "\t\t" is one empty value (a one-column row); "" and a lone "\t" hold none
            return opened && closed ? List.of("") : List.of();
        }
        List<String> values = new ArrayList<>();
        int from = start;
        for (int i = start; i < end; i++) {
            if (line.charAt(i) == delimiter) {
                values.add(line.substring(from, i));
                from = i + 1;
            }
        }
        values.add(line.substring(from, end));
        return values;
    }

    static char delimiter(String hex) {
        if (hex == null || hex.isBlank()) {
            return '\t';
        }
        return (char) Integer.parseInt(hex.trim(), 16);
    }

    private static int replyCode(XMLStreamReader xml) {
        String code = xml.getAttributeValue(null, "ReplyCode");
        return code == null ? 0 : Integer.parseInt(code.trim());
    }

    private static Map<String, String> attributes(XMLStreamReader xml) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        return attributes;
    }

    /** The encoding the XML declaration names, read from the buffered head of the body (null when none). */
    private static String sniff(BufferedInputStream in) throws IOException {
        in.mark(256);
        byte[] head = in.readNBytes(256);
        in.reset();
        Matcher m = DECLARED.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        // US-ASCII declarations (flexmls) are read as UTF-8, a superset, so stray high bytes are repaired, not fatal
        return name.equalsIgnoreCase("US-ASCII") || name.equalsIgnoreCase("ASCII") ? "UTF-8" : name;
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset).equals(StandardCharsets.UTF_8);
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    private static Exception notXml(XMLStreamException e) {
        Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (cause instanceof IOException io) {
            return io; // the connection broke: the HTTP layer's concern, not a malformed answer
        }
        return new MlsException(Kind.MALFORMED, 200, null, "the answer is not a readable RETS document (no well-formed <RETS> XML; "
                + "an HTML page or plain text?): " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

}
