package com.keystone.crm.platform.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps each event type (its stable name, e.g. {@code lead.created}) to the Java type generated from its schema
 * (e.g. {@code LeadCreated}), and back. The map is derived from the topic catalogue: every event topic's schema
 * file {@code <event-type>.schema.json} becomes the class {@code events.<PascalCase(event-type)>} (the
 * generator's naming rule), so a new schema in the catalogue needs no edit here. A catalogue event type without
 * its generated class fails class initialisation.
 */
public final class EventPayloadTypes {

    /** Package of the generated payload types. */
    public static final String PACKAGE = "com.keystone.crm.platform.contracts.events";

    private static final class Holder {
        private static final EventPayloadTypes SHARED = new EventPayloadTypes(TopicCatalogue.load());
    }

    private final Map<String, Class<? extends EventPayload>> byEventType;
    private final Map<Class<? extends EventPayload>, String> byJavaType;

    EventPayloadTypes(TopicCatalogue catalogue) {
        Map<String, Class<? extends EventPayload>> types = new LinkedHashMap<>();
        Map<Class<? extends EventPayload>, String> names = new LinkedHashMap<>();
        for (TopicSpec topic : catalogue.eventTopics()) {
            String eventType = topic.eventType().orElseThrow();
            Class<? extends EventPayload> javaType = load(eventType);
            types.put(eventType, javaType);
            names.put(javaType, eventType);
        }
        this.byEventType = Collections.unmodifiableMap(types);
        this.byJavaType = Collections.unmodifiableMap(names);
    }

    /** The registry over the default catalogue. */
    public static EventPayloadTypes shared() {
        return Holder.SHARED;
    }

    /** The event types with a generated payload type, in catalogue order. */
    public Set<String> eventTypes() {
        return byEventType.keySet();
    }

    /** The payload type of an event type, if the catalogue has it. */
    public Optional<Class<? extends EventPayload>> javaTypeOf(String eventType) {
        return Optional.ofNullable(eventType == null ? null : byEventType.get(eventType));
    }

    /** The event type whose payload {@code javaType} is, if it is one. */
    public Optional<String> eventTypeOf(Class<?> javaType) {
        return Optional.ofNullable(javaType == null ? null : byJavaType.get(javaType));
    }

    /** The event type of a payload; an object that is no event payload type is an {@link IllegalArgumentException}. */
    public String eventTypeOf(EventPayload payload) {
        return eventTypeOf(payload.getClass()).orElseThrow(() -> new IllegalArgumentException(
                payload.getClass().getName() + " is not the payload type of an event in the catalogue"));
    }

    /** The class name the generator gives an event type's schema: {@code lead.status-changed} → {@code LeadStatusChanged}. */
    static String className(String eventType) {
        StringBuilder name = new StringBuilder(PACKAGE).append('.');
        for (String word : eventType.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }

    private static Class<? extends EventPayload> load(String eventType) {
        String className = className(eventType);
        Class<?> type;
        try {
            type = Class.forName(className, false, EventPayloadTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no payload type " + className + " generated for event type '"
                    + eventType + "': is its schema in contracts/schemas?", e);
        }
        if (!EventPayload.class.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " does not implement " + EventPayload.class.getName());
        }
        return type.asSubclass(EventPayload.class);
    }
}
