package com.keystone.crm.property.client.reso;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.property.client.ListingSinkException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams one OData collection page with Jackson's JsonParser: each object of {@code value} is read on its own and
 * handed on before the next is read, so a page never sits in memory whole. {@code @odata.nextLink} and
 * {@code @odata.count} are picked up wherever they appear (before or after {@code value}).
 */
public final class ODataPage {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** Receives one record. */
    @FunctionalInterface
    public interface Records {
        void record(Map<String, Object> record) throws Exception;
    }

    private String nextLink;
    private Long count;
    private int records;

    public String nextLink() {
        return nextLink;
    }

    public Long count() {
        return count;
    }

    public int records() {
        return records;
    }

    @SuppressWarnings("unchecked")
    public static ODataPage read(InputStream body, Records handler) throws Exception {
        ODataPage page = new ODataPage();
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an OData page is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("value".equals(name) && token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, Object> record = MAPPER.readValue(parser, LinkedHashMap.class);
                        page.records++;
                        try {
                            handler.record(record);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new ListingSinkException(e);
                        }
                    }
                } else if ("@odata.nextLink".equals(name) && token == JsonToken.VALUE_STRING) {
                    page.nextLink = parser.getText();
                } else if ("@odata.count".equals(name) && token.isNumeric()) {
                    page.count = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return page;
    }
}
