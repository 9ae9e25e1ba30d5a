package com.keystone.crm.property.client.rets;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a RETS COMPACT / COMPACT-DECODED body with StAX, one DATA row at a time, so a result of any size takes
 * constant memory. The byte stream passes through {@link XmlCharRefFilterInputStream} first so a forbidden
 * character reference does not kill the parse; the charset is the one the HTTP header declared, else the XML
 * declaration's. The delimiter comes from {@code <DELIMITER value="09"/>} (hex, one or two digits; tab by default);
 * one leading and one trailing delimiter are removed from each COLUMNS/DATA line, and nothing else is trimmed so
 * values keep their spaces and CR/LF.
 */
public final class CompactParser {

    private static final XMLInputFactory FACTORY = createFactory();

    private CompactParser() {
    }

    public static void parse(InputStream body, String charset, CompactHandler handler) throws Exception {
        InputStream filtered = new XmlCharRefFilterInputStream(new BufferedInputStream(body, 64 * 1024));
        XMLStreamReader xml = charset != null ? FACTORY.createXMLStreamReader(filtered, charset) : FACTORY.createXMLStreamReader(filtered);
        try {
            char delimiter = '\t';
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                switch (name) {
                    case "RETS", "RETS-STATUS" -> handler.reply(replyCode(xml), xml.getAttributeValue(null, "ReplyText"));
                    case "DELIMITER" -> delimiter = delimiter(xml.getAttributeValue(null, "value"));
                    case "COUNT" -> handler.count(Long.parseLong(xml.getAttributeValue(null, "Records").trim()));
                    case "MAXROWS" -> handler.maxRows();
                    case "COLUMNS" -> handler.columns(split(xml.getElementText(), delimiter));
                    case "DATA" -> handler.row(split(xml.getElementText(), delimiter));
                    case "RETS-RESPONSE" -> handler.response(xml.getElementText());
                    default -> handler.element(name, attributes(xml));
                }
            }
        } finally {
            xml.close();
        }
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
        if (start < end && line.charAt(start) == delimiter) {
            start++;
        }
        if (end > start && line.charAt(end - 1) == delimiter) {
            end--;
        }
        if (start >= end) {
            return List.of();
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

    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

}
