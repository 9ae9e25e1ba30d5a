package com.keystone.crm.property.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.property.client.MlsListing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a client's listing into the canonical JSON stored and published, and compares two versions of it.
 * Canonical so that the same data always hashes the same whatever order or number formatting the feed used.
 */
public final class ListingNormaliser {
    /** Moves on a touch without change: excluded from the hash and from changedFields. */
    public static final String MODIFICATION_TIMESTAMP = "ModificationTimestamp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** RESO lookups the event contract lists by display value ("Active Under Contract", "Commercial Sale"). */
    private static final java.util.Set<String> ENUMERATIONS = java.util.Set.of("StandardStatus", "PropertyType");

    private ListingNormaliser() {
    }

    public static NormalisedListing normalise(MlsListing listing) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        if (listing.fields() != null) {
            listing.fields().forEach((name, value) -> {
                JsonNode node = node(ENUMERATIONS.contains(name) && value instanceof String v ? displayName(v) : value);
                if (node != null) {
                    sorted.put(name, node);
                }
            });
        }
        sorted.put("ListingKey", NODES.textNode(listing.listingKey()));
        if (listing.modificationTimestamp() != null) {
            sorted.put(MODIFICATION_TIMESTAMP, NODES.textNode(listing.modificationTimestamp().toString()));
        }
        if (listing.photosChangeTimestamp() != null) {
            sorted.put("PhotosChangeTimestamp", NODES.textNode(listing.photosChangeTimestamp().toString()));
        } else {
            sorted.remove("PhotosChangeTimestamp");
        }
        ObjectNode fields = NODES.objectNode();
        sorted.forEach(fields::set);
        ObjectNode hashed = fields.deepCopy();
        hashed.remove(MODIFICATION_TIMESTAMP);
        return new NormalisedListing(listing.listingKey(), listing.modificationTimestamp(),
                listing.photosChangeTimestamp(), fields, write(fields), sha256Hex(write(hashed)));
    }

    /**
     * A lookup served by its OData enum member name ("ActiveUnderContract") becomes the RESO display value
     * ("Active Under Contract"); display values pass unchanged.
     */
    static String displayName(String value) {
        if (value.indexOf(' ') >= 0) {
            return value;
        }
        return value.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
    }

    /** RESO names whose values differ (ModificationTimestamp aside), sorted. */
    public static List<String> changedFields(JsonNode before, ObjectNode after) {
        TreeSet<String> names = new TreeSet<>();
        if (before != null) {
            before.fieldNames().forEachRemaining(names::add);
        }
        after.fieldNames().forEachRemaining(names::add);
        names.remove(MODIFICATION_TIMESTAMP);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode a = before == null ? null : before.get(name);
            JsonNode b = after.get(name);
            if (!same(a, b)) {
                changed.add(name);
            }
        }
        return changed;
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored listing is not JSON", e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (aAbsent || bAbsent) {
            return aAbsent && bAbsent;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static JsonNode node(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.isEmpty() ? null : NODES.textNode(s);
        }
        if (value instanceof BigDecimal d) {
            BigDecimal plain = d.stripTrailingZeros();
            return NODES.numberNode(plain.scale() < 0 ? plain.setScale(0) : plain);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i.longValue());
        }
        if (value instanceof Number n) {
            return node(new BigDecimal(n.toString()));
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Instant t) {
            return NODES.textNode(t.toString());
        }
        if (value instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = NODES.arrayNode();
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                JsonNode n = node(it.next());
                if (n != null) {
                    array.add(n);
                }
            }
            return array;
        }
        return NODES.textNode(value.toString());
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
