package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic catalogue: every topic of the system with its key, producer, consumers, partitions, retention and
 * schema, read from {@code contracts/topics.json} on the classpath. Immutable and thread safe.
 *
 * <p>Loading checks the catalogue's own consistency (unique topics, known services, retention matching
 * retentionMs, a key and a schema for every event and command topic) and fails with
 * {@link IllegalStateException} otherwise.
 */
public final class TopicCatalogue {

    /** Classpath resource of the catalogue. */
    public static final String RESOURCE = TopicSpec.CONTRACTS_ROOT + "topics.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<String> services;
    private final Map<String, TopicSpec> topics;

    private TopicCatalogue(Set<String> services, Map<String, TopicSpec> topics) {
        this.services = Collections.unmodifiableSet(services);
        this.topics = Collections.unmodifiableMap(topics);
    }

    /** Loads {@value #RESOURCE} with this library's class loader. */
    public static TopicCatalogue load() {
        return load(TopicCatalogue.class.getClassLoader(), RESOURCE);
    }

    /** Loads a catalogue resource with the given class loader. */
    public static TopicCatalogue load(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("topic catalogue not found on the classpath: " + resource);
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic catalogue " + resource, e);
        }
    }

    /** Reads a catalogue from JSON (the format of {@code topics.json}). */
    public static TopicCatalogue fromJson(InputStream json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("topic catalogue is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic catalogue", e);
        }
        return fromTree(root);
    }

    private static TopicCatalogue fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("topic catalogue must be a JSON object");
        }
        Set<String> services = new LinkedHashSet<>();
        for (JsonNode s : array(root, "services", "catalogue")) {
            services.add(s.asText());
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("topic catalogue lists no services");
        }
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode node : array(root, "topics", "catalogue")) {
            TopicSpec spec;
            try {
                spec = parse(node);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (topics.putIfAbsent(spec.topic(), spec) != null) {
                problems.add(spec.topic() + ": listed twice");
            }
            check(spec, services, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid topic catalogue: " + String.join("; ", problems));
        }
        return new TopicCatalogue(services, topics);
    }

    private static TopicSpec parse(JsonNode node) {
        String topic = text(node, "topic", "topic entry", true);
        String where = "topic " + topic;
        TopicSpec.Kind kind = TopicSpec.Kind.fromJsonName(text(node, "kind", where, true));
        String retentionText = text(node, "retention", where, true);
        Duration retention;
        try {
            retention = Duration.parse(retentionText);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + ": retention '" + retentionText + "' is not an ISO-8601 duration");
        }
        JsonNode ms = node.get("retentionMs");
        if (ms == null || !ms.canConvertToLong()) {
            throw new IllegalStateException(where + ": retentionMs must be an integer");
        }
        JsonNode partitions = node.get("partitions");
        if (partitions == null || !partitions.canConvertToInt()) {
            throw new IllegalStateException(where + ": partitions must be an integer");
        }
        return new TopicSpec(
                topic,
                kind,
                text(node, "key", where, false),
                text(node, "producer", where, true),
                strings(node, "otherProducers", where),
                strings(node, "consumers", where),
                partitions.asInt(),
                retention,
                ms.asLong(),
                text(node, "schema", where, false),
                text(node, "description", where, false));
    }

    private static void check(TopicSpec spec, Set<String> services, List<String> problems) {
        String t = spec.topic();
        for (String producer : spec.producers()) {
            if (!services.contains(producer)) {
                problems.add(t + ": unknown producer '" + producer + "'");
            }
        }
        for (String consumer : spec.consumers()) {
            if (!services.contains(consumer)) {
                problems.add(t + ": unknown consumer '" + consumer + "'");
            }
        }
        if (new HashSet<>(spec.consumers()).size() != spec.consumers().size()) {
            problems.add(t + ": a consumer is listed twice");
        }
        if (spec.partitions() < 1) {
            problems.add(t + ": partitions must be at least 1");
        }
        if (spec.retention().isNegative() || spec.retention().isZero()) {
            problems.add(t + ": retention must be positive");
        } else if (spec.retention().toMillis() != spec.retentionMs()) {
            problems.add(t + ": retention " + spec.retention() + " is " + spec.retention().toMillis()
                    + " ms but retentionMs says " + spec.retentionMs());
        }
        if (spec.isDeadLetter()) {
            if (spec.hasSchema()) {
                problems.add(t + ": a dead-letter topic has no schema");
            }
            if (!t.equals(ServiceNames.deadLetterTopic(spec.producer()))) {
                problems.add(t + ": a dead-letter topic is named <producer>.dlq");
            }
        } else {
            if (spec.key() == null || spec.key().isBlank()) {
                problems.add(t + ": key (the aggregate id field) is required");
            }
            if (!spec.hasSchema()) {
                problems.add(t + ": schema is required");
            } else if (!spec.schema().equals("schemas/" + t + ".schema.json")) {
                problems.add(t + ": schema must be schemas/" + t + ".schema.json");
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalStateException(where + ": '" + field + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalStateException(where + ": '" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalStateException(where + ": '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalStateException(where + ": '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalStateException(where + ": '" + field + "' must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The known service names (service directory names). */
    public Set<String> services() {
        return services;
    }

    /** All topics, in catalogue order. */
    public List<TopicSpec> topics() {
        return List.copyOf(topics.values());
    }

    /** The topic names, in catalogue order. */
    public List<String> topicNames() {
        return List.copyOf(topics.keySet());
    }

    /** Event and command topics: those with a schema. */
    public List<TopicSpec> eventTopics() {
        return topics.values().stream().filter(TopicSpec::hasSchema).toList();
    }

    /** The event types (= names of the topics with a schema), in catalogue order. */
    public List<String> eventTypes() {
        return eventTopics().stream().map(TopicSpec::topic).toList();
    }

    /** The {@code <service>.dlq} topics. */
    public List<TopicSpec> deadLetterTopics() {
        return topics.values().stream().filter(TopicSpec::isDeadLetter).toList();
    }

    /** The topic with this name, if any. */
    public Optional<TopicSpec> find(String topic) {
        return Optional.ofNullable(topic == null ? null : topics.get(topic));
    }

    /** The topic with this name; {@link IllegalArgumentException} when it is not in the catalogue. */
    public TopicSpec require(String topic) {
        return find(topic).orElseThrow(() -> new IllegalArgumentException(
                "unknown topic '" + topic + "'; known: " + String.join(", ", topics.keySet())));
    }

    /** The services consuming a topic; {@link IllegalArgumentException} for an unknown topic. */
    public List<String> consumersOf(String topic) {
        return require(topic).consumers();
    }

    /** The topics a service writes (including its dead-letter topic). */
    public List<TopicSpec> producedBy(String service) {
        return topics.values().stream().filter(t -> t.isProducedBy(service)).toList();
    }

    /** The topics a service consumes. */
    public List<TopicSpec> consumedBy(String service) {
        return topics.values().stream().filter(t -> t.isConsumedBy(service)).toList();
    }

    /** The dead-letter topic of a service; {@link IllegalArgumentException} for an unknown service. */
    public TopicSpec deadLetterTopicOf(String service) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException("unknown service '" + service + "'; known: " + String.join(", ", services));
        }
        return require(ServiceNames.deadLetterTopic(service));
    }

    @Override
    public String toString() {
        return "TopicCatalogue" + topics.keySet();
    }
}
