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
 * (unless the server already decoded them: COMPACT-DECODED); the type follows the TABLE DataType of the source
 * field, or the type the field map gives ({@code "L_PRICE": "ListPrice:Decimal"}, for servers without TABLE
 * metadata). Empty values are left out; a value that cannot be read as its type is left out and named in the
 * problems (field, source, type, raw value).
 */
public final class RetsRowDecoder {

    private final List<String> names = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<Function<String, Object>> decoders = new ArrayList<>();

    public RetsRowDecoder(List<String> columns, RetsMetadata metadata, String resource, String className,
                          Map<String, String> fieldMap, ZoneId zone, boolean serverDecoded) {
        Map<String, RetsField> table = metadata.table(resource, className);
        for (String column : columns) {
            RetsField field = table.get(column);
            String name = resoName(column, field, fieldMap);
            String mappedType = fieldMap == null ? null : mappedType(fieldMap.get(column));
            if (mappedType != null) {
                // the map's type wins: the admin said what the field is
                field = field == null ? new RetsField(column, null, mappedType, null, null)
                        : new RetsField(field.systemName(), field.standardName(), mappedType, null, null);
            }
            names.add(name);
            sources.add(column);
            types.add(field == null ? (name.endsWith("Timestamp") ? "DateTime" : "Character") : field.dataType());
            decoders.add(field == null && name.endsWith("Timestamp")
                    ? raw -> Timestamps.parse(raw, zone) // no TABLE metadata: RESO naming says what it is
                    : decoder(field, metadata, resource, zone, serverDecoded));
        }
    }

    public int columnCount() {
        return names.size();
    }

    /** The row's values by RESO name; the caller has checked the column count. Throws on a value it cannot type. */
    public Map<String, Object> decode(List<String> values) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> fields = decode(values, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return fields;
    }

    /** The row's values by RESO name; a value that cannot be typed is left out and described in {@code problems}. */
    public Map<String, Object> decode(List<String> values, List<String> problems) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = values.get(i);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            try {
                fields.put(names.get(i), decoders.get(i).apply(raw));
            } catch (RuntimeException e) {
                problems.add(names.get(i) + " (source " + sources.get(i) + ", " + types.get(i) + "): cannot read '"
                        + (raw.length() > 60 ? raw.substring(0, 60) + "..." : raw) + "'");
            }
        }
        return fields;
    }

    /** The RESO name of a field map value ({@code ListPrice} or {@code ListPrice:Decimal}). */
    public static String mappedName(String mapValue) {
        if (mapValue == null) {
            return null;
        }
        int colon = mapValue.indexOf(':');
        return (colon < 0 ? mapValue : mapValue.substring(0, colon)).trim();
    }

    /** The type a field map value gives ({@code Decimal} of {@code ListPrice:Decimal}), or null. */
    static String mappedType(String mapValue) {
        if (mapValue == null || mapValue.indexOf(':') < 0) {
            return null;
        }
        String type = mapValue.substring(mapValue.indexOf(':') + 1).trim();
        return type.isEmpty() ? null : type;
    }

    static String resoName(String systemName, RetsField field, Map<String, String> fieldMap) {
        if (fieldMap != null && fieldMap.containsKey(systemName)) {
            return mappedName(fieldMap.get(systemName));
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
