package com.keystone.crm.workflow.definition.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of a workflow definition, {@value #RESOURCE}: loaded and compiled once, served
 * by {@code GET /api/v1/workflows/schema} and in the OpenAPI document, and the first check of every saved
 * draft. Its errors name the field (JSON path without the leading {@code $.}).
 */
@ApplicationScoped
public class DefinitionSchema {
    public static final String RESOURCE = "schemas/workflow-definition.schema.json";

    private final JsonSchema schema;
    private final JsonNode document;

    public DefinitionSchema() {
        try (InputStream in = DefinitionSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + RESOURCE);
            }
            this.document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .typeLoose(false)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:" + RESOURCE), document, config);
        this.schema.initializeValidators();
    }

    /** A copy of the schema document. */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** The schema's errors for a document, each naming the field; empty when it is valid. */
    public List<Problem.FieldError> validate(JsonNode definition) {
        Set<ValidationMessage> messages = schema.validate(definition);
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .forEach(m -> errors.add(new Problem.FieldError(field(m), message(m))));
        return new ArrayList<>(errors);
    }

    private static String field(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        String property = m.getProperty();
        if (property != null && !property.isEmpty() && !path.endsWith("." + property)
                && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
            path = path + "." + property;
        }
        return DefinitionFields.field(path);
    }

    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }
}
