package com.keystone.crm.property.client.reso;

import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.Timestamps;
import com.keystone.crm.property.client.reso.EdmTypes.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one OData JSON record (as Jackson read it: String, Long/Integer, BigDecimal, Boolean, List, Map) into the
 * normalised model, typed by the $metadata schema; without a schema, by the JSON type and RESO naming (…Timestamp).
 * Timestamps without an offset are read in the provider's server zone.
 */
public final class ResoValues {

    private final EdmTypes types;
    private final ZoneId zone;

    public ResoValues(EdmTypes types, ZoneId zone) {
        this.types = types;
        this.zone = zone;
    }

    public MlsListing listing(Map<String, Object> record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<MlsMedia> media = null;
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String name = e.getKey();
            Object raw = e.getValue();
            if (name.startsWith("@") || name.contains("@odata.")) {
                continue;
            }
            if ("Media".equals(name) && raw instanceof List<?> list) {
                media = media(list);
                continue;
            }
            Object value = value(name, raw);
            if (value != null) {
                fields.put(name, value);
            }
        }
        return new MlsListing(String.valueOf(fields.get("ListingKey")), instant(fields.get("ModificationTimestamp")),
                instant(fields.get("PhotosChangeTimestamp")), fields, media);
    }

    @SuppressWarnings("unchecked")
    private List<MlsMedia> media(List<?> records) {
        List<MlsMedia> media = new ArrayList<>();
        for (Object record : records) {
            if (record instanceof Map<?, ?> map) {
                media.add(media((Map<String, Object>) map));
            }
        }
        media.sort(java.util.Comparator.comparingInt(MlsMedia::order));
        return media;
    }

    public MlsMedia media(Map<String, Object> record) {
        Object order = record.get("Order");
        return new MlsMedia(string(record.get("MediaKey")), string(record.get("ResourceRecordKey")),
                order instanceof Number n ? n.intValue() : order == null ? 0 : Integer.parseInt(order.toString()),
                string(record.get("MediaURL")), string(record.get("MediaCategory")),
                Timestamps.parse(string(record.get("MediaModificationTimestamp")), zone));
    }

    Object value(String name, Object raw) {
        if (raw == null || (raw instanceof String s && s.isEmpty())) {
            return null;
        }
        ValueType type = types.type(name);
        if (type == null) {
            type = guess(name, raw);
        }
        return switch (type) {
            case TIMESTAMP -> Timestamps.parse(raw.toString(), zone);
            case DATE -> Timestamps.date(raw.toString());
            case DECIMAL -> raw instanceof BigDecimal d ? d : new BigDecimal(raw.toString());
            case INTEGER -> raw instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(raw.toString().trim());
            case BOOLEAN -> raw instanceof Boolean b ? b : Boolean.valueOf(raw.toString());
            case MULTI -> multi(raw);
            case STRING -> raw instanceof Collection<?> ? multi(raw) : raw.toString();
        };
    }

    private static ValueType guess(String name, Object raw) {
        if (raw instanceof Collection<?>) {
            return ValueType.MULTI;
        }
        if (raw instanceof BigDecimal || raw instanceof Double) {
            return ValueType.DECIMAL;
        }
        if (raw instanceof Number) {
            return ValueType.INTEGER;
        }
        if (raw instanceof Boolean) {
            return ValueType.BOOLEAN;
        }
        return name.endsWith("Timestamp") ? ValueType.TIMESTAMP : ValueType.STRING;
    }

    private static List<String> multi(Object raw) {
        List<String> values = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            c.forEach(v -> values.add(String.valueOf(v)));
        } else {
            for (String part : raw.toString().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : null;
    }
}
