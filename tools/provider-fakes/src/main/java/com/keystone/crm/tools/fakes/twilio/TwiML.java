package com.keystone.crm.tools.fakes.twilio;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the {@code <Message>} replies of a TwiML answer to an inbound webhook (anything else: none). */
final class TwiML {

    private TwiML() {
    }

    static List<String> messages(String answer) {
        List<String> out = new ArrayList<>();
        if (answer == null || !answer.contains("<Response")) {
            return out;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList messages = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagName("Message");
            for (int i = 0; i < messages.getLength(); i++) {
                Element message = (Element) messages.item(i);
                NodeList body = message.getElementsByTagName("Body");
                String text = body.getLength() > 0 ? body.item(0).getTextContent() : message.getTextContent();
                out.add(text.strip());
            }
        } catch (Exception e) {
            // not TwiML: Twilio would log error 12100 and send nothing
        }
        return out;
    }
}
