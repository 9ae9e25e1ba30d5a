package com.keystone.crm.property.client.reso;

import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * The property types of one entity type read from the service's {@code $metadata} (EDMX), so values are typed by
 * the server's schema: DateTimeOffset, Date, Decimal, integers, Boolean, and multi-valued fields (collections and
 * flags enumerations, which OData JSON writes comma-separated).
 */
public final class EdmTypes {

    /** How a JSON value of a property is turned into a Java value. */
    public enum ValueType { STRING, TIMESTAMP, DATE, DECIMAL, INTEGER, BOOLEAN, MULTI }

    private final Map<String, ValueType> types;

    public EdmTypes(Map<String, ValueType> types) {
        this.types = types;
    }

    public static EdmTypes none() {
        return new EdmTypes(Map.of());
    }

    public ValueType type(String property) {
        return types.get(property);
    }

    public boolean known() {
        return !types.isEmpty();
    }

    /** Reads the properties of the entity type named {@code entityType} (e.g. Property). */
    public static EdmTypes parse(InputStream edmx, String entityType) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(edmx);
        Map<String, String> declared = new HashMap<>();
        Set<String> flagEnums = new HashSet<>();
        boolean inEntity = false;
        String namespace = "";
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT && "EntityType".equals(xml.getLocalName())) {
                    inEntity = false;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "Schema" -> namespace = attribute(xml, "Namespace");
                    case "EntityType" -> inEntity = entityType.equals(attribute(xml, "Name"));
                    case "EnumType" -> {
                        if ("true".equalsIgnoreCase(attribute(xml, "IsFlags"))) {
                            flagEnums.add(namespace + "." + attribute(xml, "Name"));
                        }
                    }
                    case "Property" -> {
                        if (inEntity) {
                            declared.put(attribute(xml, "Name"), attribute(xml, "Type"));
                        }
                    }
                    default -> {
                    }
                }
            }
        } finally {
            xml.close();
        }
        Map<String, ValueType> types = new HashMap<>();
        declared.forEach((name, type) -> types.put(name, valueType(type, flagEnums)));
        return new EdmTypes(types);
    }

    static ValueType valueType(String edmType, Set<String> flagEnums) {
        if (edmType == null) {
            return ValueType.STRING;
        }
        if (edmType.startsWith("Collection(") || flagEnums.contains(edmType)) {
            return ValueType.MULTI;
        }
        return switch (edmType) {
            case "Edm.DateTimeOffset" -> ValueType.TIMESTAMP;
            case "Edm.Date" -> ValueType.DATE;
            case "Edm.Decimal", "Edm.Double", "Edm.Single" -> ValueType.DECIMAL;
            case "Edm.Int64", "Edm.Int32", "Edm.Int16", "Edm.Byte", "Edm.SByte" -> ValueType.INTEGER;
            case "Edm.Boolean" -> ValueType.BOOLEAN;
            default -> ValueType.STRING;
        };
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }
}
