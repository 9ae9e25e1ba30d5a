package com.keystone.crm.property.client.rets;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads metadata (METADATA-SYSTEM, -RESOURCE, -CLASS, -TABLE, -LOOKUP_TYPE), COMPACT or STANDARD-XML (which
 * {@link CompactParser} hands on as the same columns and rows), into {@link RetsMetadata}.
 * Columns are found by name, case-insensitively, so servers ordering or extending them differently still parse.
 */
final class MetadataHandler implements CompactHandler {

    private final RetsMetadata metadata;
    private String section;
    private Map<String, String> sectionAttributes = Map.of();
    private Map<String, Integer> columns = Map.of();
    private int replyCode;
    private String replyText;

    /** What was asked (e.g. {@code Property:RES}): some servers leave the Resource or Class attribute off the section. */
    private final String requestedId;

    MetadataHandler(RetsMetadata metadata) {
        this(metadata, null);
    }

    MetadataHandler(RetsMetadata metadata, String requestedId) {
        this.metadata = metadata;
        this.requestedId = requestedId;
    }

    private String requested(int part) {
        if (requestedId == null || requestedId.indexOf(':') < 0) {
            return part == 0 && requestedId != null && !requestedId.equals("*") && !requestedId.equals("0") ? requestedId : null;
        }
        String[] parts = requestedId.split(":");
        return part < parts.length && !parts[part].equals("*") ? parts[part] : null;
    }

    int replyCode() {
        return replyCode;
    }

    String replyText() {
        return replyText;
    }

    @Override
    public void reply(int code, String text) {
        replyCode = code;
        replyText = text;
    }

    @Override
    public void element(String name, Map<String, String> attributes) {
        if (name.startsWith("METADATA-")) {
            section = name.substring("METADATA-".length());
            sectionAttributes = attributes;
            columns = Map.of();
            if ("SYSTEM".equals(section)) {
                metadata.system(null, first(attributes, "MetadataTimestamp", "Date"), attributes.get("TimeZoneOffset"));
            }
        } else if ("SYSTEM".equals(name)) {
            // 1.7.2 puts SystemID and TimeZoneOffset on SYSTEM; some servers add MetadataTimestamp there
            metadata.system(first(attributes, "SystemID", "SystemId"), attributes.get("MetadataTimestamp"), attributes.get("TimeZoneOffset"));
        }
    }

    @Override
    public void columns(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        columns = index;
    }

    @Override
    public void row(List<String> values) {
        if (section == null) {
            return;
        }
        String resource = sectionAttributes.get("Resource") != null ? sectionAttributes.get("Resource") : requested(0);
        switch (section) {
            case "SYSTEM" -> metadata.system(value(values, "SystemID"), value(values, "MetadataTimestamp"), value(values, "TimeZoneOffset"));
            case "RESOURCE" -> {
                String id = value(values, "ResourceID");
                String key = value(values, "KeyField");
                if (id != null && key != null) {
                    metadata.keyField(id, key);
                }
            }
            case "CLASS" -> {
                String className = value(values, "ClassName");
                if (resource != null && className != null) {
                    metadata.addClass(resource, className);
                }
            }
            case "TABLE" -> {
                String className = sectionAttributes.get("Class") != null ? sectionAttributes.get("Class") : requested(1);
                String systemName = value(values, "SystemName");
                if (resource != null && className != null && systemName != null) {
                    metadata.addField(resource, className, new RetsField(systemName, value(values, "StandardName"),
                            value(values, "DataType"), value(values, "Interpretation"), value(values, "LookupName")));
                }
            }
            case "LOOKUP_TYPE" -> {
                String lookup = sectionAttributes.get("Lookup");
                String value = value(values, "Value");
                if (resource != null && lookup != null && value != null) {
                    String longValue = value(values, "LongValue");
                    metadata.addLookupValue(resource, lookup, value, longValue != null ? longValue : value(values, "ShortValue"));
                }
            }
            default -> {
                // other metadata (LOOKUP, OBJECT, ...) is not needed to read listings
            }
        }
    }

    private String value(List<String> values, String column) {
        Integer i = columns.get(column.toLowerCase(Locale.ROOT));
        if (i == null || i >= values.size()) {
            return null;
        }
        String v = values.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static String first(Map<String, String> attributes, String a, String b) {
        return attributes.get(a) != null ? attributes.get(a) : attributes.get(b);
    }
}
