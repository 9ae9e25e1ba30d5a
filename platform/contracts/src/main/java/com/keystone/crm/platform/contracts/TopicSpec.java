package com.keystone.crm.platform.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One topic of the catalogue ({@code contracts/topics.json}).
 *
 * @param topic          the topic name; for events and commands also the event type ({@code ce_type})
 * @param kind           event, command or dead-letter
 * @param key            name of the payload field whose value is the record key (the aggregate id);
 *                       null for dead-letter topics, which keep the failed record's original key
 * @param producer       the service that owns and writes the topic (service directory name)
 * @param otherProducers further services that may write it (e.g. api-gateway also requests notifications)
 * @param consumers      services that consume it (service directory names)
 * @param partitions     partition count
 * @param retention      retention time ({@code retention.ms})
 * @param retentionMs    the same retention in milliseconds
 * @param schema         path of the JSON Schema relative to {@code contracts/} (e.g.
 *                       {@code schemas/lead.created.schema.json}); null for dead-letter topics
 * @param description    one line on what the topic carries
 */
public record TopicSpec(
        String topic,
        Kind kind,
        String key,
        String producer,
        List<String> otherProducers,
        List<String> consumers,
        int partitions,
        Duration retention,
        long retentionMs,
        String schema,
        String description) {

    /** Classpath directory holding the catalogue and the schemas. */
    public static final String CONTRACTS_ROOT = "contracts/";

    /** What a topic carries. */
    public enum Kind {
        /** A fact that happened ({@code <aggregate>.<past-tense-event>}). */
        EVENT,
        /** A request to another service ({@code <thing>.requested}). */
        COMMAND,
        /** Records a service's consumers gave up on ({@code <service>.dlq}). */
        DEAD_LETTER;

        /** The catalogue spelling: {@code event}, {@code command}, {@code dead-letter}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses the catalogue spelling. */
        public static Kind fromJsonName(String value) {
            for (Kind kind : values()) {
                if (kind.jsonName().equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown topic kind '" + value + "' (expected event, command or dead-letter)");
        }
    }

    public TopicSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(retention, "retention");
        otherProducers = otherProducers == null ? List.of() : List.copyOf(otherProducers);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    /** True when the topic has a JSON Schema (every event and command topic). */
    public boolean hasSchema() {
        return schema != null;
    }

    /** True for a {@code <service>.dlq} topic. */
    public boolean isDeadLetter() {
        return kind == Kind.DEAD_LETTER;
    }

    /** The event type carried by this topic (= the topic name), empty for dead-letter topics. */
    public Optional<String> eventType() {
        return isDeadLetter() ? Optional.empty() : Optional.of(topic);
    }

    /** Classpath resource of the schema, e.g. {@code contracts/schemas/lead.created.schema.json}. */
    public Optional<String> schemaResource() {
        return Optional.ofNullable(schema).map(s -> CONTRACTS_ROOT + s);
    }

    /** The producer followed by {@link #otherProducers()}. */
    public List<String> producers() {
        List<String> all = new ArrayList<>(1 + otherProducers.size());
        all.add(producer);
        all.addAll(otherProducers);
        return List.copyOf(all);
    }

    /** True when {@code service} writes this topic. */
    public boolean isProducedBy(String service) {
        return producer.equals(service) || otherProducers.contains(service);
    }

    /** True when {@code service} consumes this topic. */
    public boolean isConsumedBy(String service) {
        return consumers.contains(service);
    }
}
