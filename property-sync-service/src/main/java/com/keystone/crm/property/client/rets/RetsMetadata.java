package com.keystone.crm.property.client.rets;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata a RETS client keeps per provider: SYSTEM (time zone, metadata timestamp), the resource's key field,
 * each class's TABLE and the LOOKUP_TYPE values. Filled by {@link MetadataHandler} from COMPACT metadata.
 */
public final class RetsMetadata {

    private String systemId;
    private String metadataTimestamp;
    private ZoneOffset timeZoneOffset;
    private final Map<String, String> keyFields = new HashMap<>();
    private final Map<String, List<String>> classesByResource = new HashMap<>();
    private final Map<String, Map<String, RetsField>> tables = new HashMap<>();
    private final Map<String, Map<String, String>> lookups = new HashMap<>();

    public String systemId() {
        return systemId;
    }

    public String metadataTimestamp() {
        return metadataTimestamp;
    }

    public ZoneOffset timeZoneOffset() {
        return timeZoneOffset;
    }

    /** The zone of timestamps written without an offset: the SYSTEM TimeZoneOffset when served, else the fallback. */
    public ZoneId zone(ZoneId fallback) {
        if (timeZoneOffset != null) {
            return timeZoneOffset;
        }
        return fallback != null ? fallback : ZoneOffset.UTC;
    }

    public String keyField(String resource) {
        return keyFields.get(resource);
    }

    public List<String> classes(String resource) {
        return classesByResource.getOrDefault(resource, List.of());
    }

    public Map<String, RetsField> table(String resource, String className) {
        return tables.getOrDefault(resource + ":" + className, Map.of());
    }

    /** Lookup value → its long (display) value; empty when the lookup is unknown. */
    public Map<String, String> lookup(String resource, String lookupName) {
        return lookups.getOrDefault(resource + ":" + lookupName, Map.of());
    }

    /** Resource → key field, as RESOURCE metadata named them. */
    public Map<String, String> keyFields() {
        return Map.copyOf(keyFields);
    }

    public int classCount() {
        return classesByResource.values().stream().mapToInt(List::size).sum();
    }

    public int fieldCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    public int lookupValueCount() {
        return lookups.values().stream().mapToInt(Map::size).sum();
    }

    void system(String id, String timestamp, String offset) {
        if (id != null) {
            systemId = id;
        }
        if (timestamp != null && !timestamp.isBlank()) {
            metadataTimestamp = timestamp.trim();
        }
        if (offset != null && !offset.isBlank()) {
            timeZoneOffset = parseOffset(offset.trim());
        }
    }

    void keyField(String resource, String field) {
        keyFields.put(resource, field);
    }

    void addClass(String resource, String className) {
        // a server answering SYSTEM ID=* with the whole tree names each class again in the CLASS answer: once each
        List<String> classes = classesByResource.computeIfAbsent(resource, r -> new java.util.ArrayList<>());
        if (!classes.contains(className)) {
            classes.add(className);
        }
    }

    void addField(String resource, String className, RetsField field) {
        tables.computeIfAbsent(resource + ":" + className, k -> new LinkedHashMap<>()).put(field.systemName(), field);
    }

    void addLookupValue(String resource, String lookupName, String value, String longValue) {
        lookups.computeIfAbsent(resource + ":" + lookupName, k -> new HashMap<>()).put(value, longValue);
    }

    /** TimeZoneOffset as servers write it: -05:00, -0500, +1, Z, or a zone id. */
    static ZoneOffset parseOffset(String offset) {
        try {
            return ZoneOffset.of(offset);
        } catch (RuntimeException notOffset) {
            try {
                String digits = offset.replace(":", "");
                if (digits.matches("[+-]\\d{3,4}")) {
                    int sign = digits.charAt(0) == '-' ? -1 : 1;
                    String hhmm = digits.substring(1).length() == 3 ? "0" + digits.substring(1) : digits.substring(1);
                    return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(hhmm.substring(0, 2)), sign * Integer.parseInt(hhmm.substring(2)));
                }
                return ZoneId.of(offset).getRules().getOffset(java.time.Instant.now());
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
