package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates event payloads against the JSON Schemas (draft 2020-12) of {@code platform/contracts}.
 *
 * <p>All schemas of the catalogue are loaded and compiled once, in the constructor, and cached; a broken or
 * missing schema fails construction. Instances are immutable and thread safe: share one
 * ({@link #shared()}). {@code format} is asserted (date-time, uuid, email, date, uri), which draft 2020-12
 * otherwise treats as an annotation only; {@code date-time} must use the {@code T} separator and
 * {@code email} also accepts the reserved test domains (see {@code ContractFormats}). Schemas are resolved
 * from the classpath only, never the network.
 */
public final class EventSchemaValidator {

    /** The {@code $id} prefix of every schema; maps to {@value #SCHEMA_RESOURCE_DIR} on the classpath. */
    public static final String SCHEMA_BASE_URI = "https://keystone.crm.example/contracts/schemas/";
    /** Classpath directory of the schemas. */
    public static final String SCHEMA_RESOURCE_DIR = TopicSpec.CONTRACTS_ROOT + "schemas/";

    /** jsonschema2pojo keywords the schemas may carry to name or type a generated Java class. */
    static final List<String> CODEGEN_HINTS = List.of("javaType", "existingJavaType");

    private static final class Holder {
        private static final EventSchemaValidator SHARED = new EventSchemaValidator();
    }

    private final Map<String, JsonSchema> schemas;
    private final ObjectReader reader;

    /** Loads the schemas of every event topic of {@link TopicCatalogue#load()}. */
    public EventSchemaValidator() {
        this(TopicCatalogue.load());
    }

    /** Loads the schemas of every event topic of the given catalogue. */
    public EventSchemaValidator(TopicCatalogue catalogue) {
        this(catalogue, EventSchemaValidator.class.getClassLoader());
    }

    EventSchemaValidator(TopicCatalogue catalogue, ClassLoader classLoader) {
        SchemaLoader classpathLoader = iri -> {
            String uri = iri.toString();
            if (!uri.startsWith(SCHEMA_BASE_URI)) {
                return null;
            }
            String resource = SCHEMA_RESOURCE_DIR + uri.substring(SCHEMA_BASE_URI.length());
            return (InputStreamSource) () -> {
                InputStream in = classLoader.getResourceAsStream(resource);
                if (in == null) {
                    throw new FileNotFoundException("schema not on the classpath: " + resource);
                }
                return in;
            };
        };
        JsonMetaSchema.Builder metaSchemaBuilder = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .formats(ContractFormats.all());
        // hints for the generator of the Java payload types (jsonschema2pojo): not validation keywords
        for (String codegenHint : CODEGEN_HINTS) {
            metaSchemaBuilder.keyword(new NonValidationKeyword(codegenHint));
        }
        JsonMetaSchema metaSchema = metaSchemaBuilder.build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(metaSchema)
                        .schemaLoaders(loaders -> loaders.add(classpathLoader)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .typeLoose(false)
                .build();

        Map<String, JsonSchema> loaded = new LinkedHashMap<>();
        for (TopicSpec topic : catalogue.eventTopics()) {
            String resource = topic.schemaResource().orElseThrow();
            String fileName = resource.substring(SCHEMA_RESOURCE_DIR.length());
            JsonSchema schema;
            try {
                schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE_URI + fileName), config);
                schema.initializeValidators();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot load schema of '" + topic.topic() + "' from " + resource
                        + ": " + e.getMessage(), e);
            }
            loaded.put(topic.topic(), schema);
        }
        this.schemas = Collections.unmodifiableMap(loaded);
        this.reader = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .reader();
    }

    /** A process-wide instance over the default catalogue, created on first use. */
    public static EventSchemaValidator shared() {
        return Holder.SHARED;
    }

    /** The event types this validator has schemas for. */
    public Set<String> eventTypes() {
        return schemas.keySet();
    }

    /** True when there is a schema for {@code eventType}. */
    public boolean knows(String eventType) {
        return eventType != null && schemas.containsKey(eventType);
    }

    /** A copy of the schema document of an event type. */
    public Optional<JsonNode> schemaOf(String eventType) {
        return Optional.ofNullable(eventType == null ? null : schemas.get(eventType))
                .map(s -> s.getSchemaNode().deepCopy());
    }

    /** Validates a parsed payload. An unknown event type or a missing payload is an error. */
    public ValidationResult validate(String eventType, JsonNode payload) {
        JsonSchema schema = eventType == null ? null : schemas.get(eventType);
        if (schema == null) {
            return ValidationResult.invalid(eventType, List.of(unknownType(eventType)));
        }
        if (payload == null || payload.isMissingNode()) {
            return ValidationResult.invalid(eventType, List.of("$: payload is missing"));
        }
        Set<ValidationMessage> messages = schema.validate(payload);
        if (messages.isEmpty()) {
            return ValidationResult.valid(eventType);
        }
        List<String> errors = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            errors.add(message.getMessage());
        }
        Collections.sort(errors);
        return ValidationResult.invalid(eventType, errors);
    }

    /** Parses and validates a JSON payload. Malformed JSON is an error, not an exception. */
    public ValidationResult validate(String eventType, String json) {
        if (!knows(eventType)) {
            return ValidationResult.invalid(eventType, List.of(unknownType(eventType)));
        }
        if (json == null) {
            return ValidationResult.invalid(eventType, List.of("$: payload is missing"));
        }
        try {
            return validate(eventType, reader.readTree(json));
        } catch (JsonProcessingException e) {
            return ValidationResult.invalid(eventType, List.of(notJson(e)));
        }
    }

    /** Parses and validates a UTF-8 JSON payload, e.g. a Kafka record value. */
    public ValidationResult validate(String eventType, byte[] json) {
        if (!knows(eventType)) {
            return ValidationResult.invalid(eventType, List.of(unknownType(eventType)));
        }
        if (json == null) {
            return ValidationResult.invalid(eventType, List.of("$: payload is missing"));
        }
        try {
            return validate(eventType, reader.readTree(json));
        } catch (IOException e) {
            return ValidationResult.invalid(eventType, List.of(notJson(e)));
        }
    }

    /** Validates and throws {@link InvalidEventException} listing every error unless the payload is valid. */
    public void assertValid(String eventType, JsonNode payload) {
        validate(eventType, payload).orThrow();
    }

    /** Parses, validates and throws {@link InvalidEventException} unless the payload is valid. */
    public void assertValid(String eventType, String json) {
        validate(eventType, json).orThrow();
    }

    /** Parses, validates and throws {@link InvalidEventException} unless the payload is valid. */
    public void assertValid(String eventType, byte[] json) {
        validate(eventType, json).orThrow();
    }

    private String unknownType(String eventType) {
        return "unknown event type '" + eventType + "'; known: " + String.join(", ", schemas.keySet());
    }

    private static String notJson(IOException e) {
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return "$: payload is not valid JSON: " + detail;
    }
}
