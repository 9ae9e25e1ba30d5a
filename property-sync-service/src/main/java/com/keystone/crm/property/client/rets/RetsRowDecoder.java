package com.keystone.crm.property.client.rets;

import com.keystone.crm.property.client.Timestamps;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a COMPACT row into RESO-named, typed values: the name is the configured field map's, else the TABLE's
 * StandardName, else the SystemName; Lookup and LookupMulti values are decoded from the cached LOOKUP_TYPE metadata
 * (unless the server already decoded them: COMPACT-DECODED); the type follows the TABLE DataType. Empty values are
 * left out.
 */
public final class RetsRowDecoder {

    private final List<String> names = new ArrayList<>();
    private final List<Function<String, Object>> decoders = new ArrayList<>();

    public RetsRowDecoder(List<String> columns, RetsMetadata metadata, String resource, String className,
                          Map<String, String> fieldMap, ZoneId zone, boolean serverDecoded) {
        Map<String, RetsField> table = metadata.table(resource, className);
        for (String column : columns) {
            RetsField field = table.get(column);
            String name = resoName(column, field, fieldMap);
            names.add(name);
            decoders.add(field == null && name.endsWith("Timestamp")
                    ? raw -> Timestamps.parse(raw, zone) // no TABLE metadata: RESO naming says what it is
                    : decoder(field, metadata, resource, zone, serverDecoded));
        }
    }

    public int columnCount() {
        return names.size();
    }

    /** The row's values by RESO name; the caller has checked the column count. */
    public Map<String, Object> decode(List<String> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = values.get(i);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            fields.put(names.get(i), decoders.get(i).apply(raw));
        }
        return fields;
    }

    static String resoName(String systemName, RetsField field, Map<String, String> fieldMap) {
        if (fieldMap != null && fieldMap.containsKey(systemName)) {
            return fieldMap.get(systemName);
        }
        if (field != null && field.standardName() != null && !field.standardName().isBlank()) {
            return field.standardName();
        }
        return systemName;
    }

    private static Function<String, Object> decoder(RetsField field, RetsMetadata metadata, String resource, ZoneId zone,
                                                    boolean serverDecoded) {
        if (field == null) {
            return raw -> raw;
        }
        if (field.lookupMulti()) {
            Map<String, String> lookup = serverDecoded ? Map.of() : metadata.lookup(resource, field.lookupName());
            return raw -> {
                List<String> decoded = new ArrayList<>();
                for (String part : raw.split(",")) {
                    String v = part.trim();
                    if (!v.isEmpty()) {
                        decoded.add(lookup.getOrDefault(v, v));
                    }
                }
                return decoded;
            };
        }
        if (field.lookup()) {
            Map<String, String> lookup = serverDecoded ? Map.of() : metadata.lookup(resource, field.lookupName());
            return raw -> lookup.getOrDefault(raw.trim(), raw.trim());
        }
        String type = field.dataType() == null ? "Character" : field.dataType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "int", "small", "tiny", "long" -> raw -> Long.valueOf(raw.trim());
            case "decimal" -> raw -> new BigDecimal(raw.trim());
            case "boolean" -> raw -> bool(raw.trim());
            case "date" -> raw -> Timestamps.date(raw);
            case "datetime" -> raw -> Timestamps.parse(raw, zone);
            default -> raw -> raw;
        };
    }

    private static Boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "1", "y", "yes", "true", "t" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }
}
