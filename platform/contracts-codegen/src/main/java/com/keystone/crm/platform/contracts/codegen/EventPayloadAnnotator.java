package com.keystone.crm.platform.contracts.codegen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JFieldVar;
import org.jsonschema2pojo.AbstractAnnotator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds what the stock Jackson annotations of jsonschema2pojo leave out, so the generated payload types read and
 * write exactly what the schemas say, whatever {@code ObjectMapper} is used:
 * <ul>
 *   <li>{@code @JsonIgnoreProperties(ignoreUnknown = true)} on every type: the schemas evolve additively, so a
 *       consumer built against an older schema must ignore fields it does not know.</li>
 *   <li>{@code @JsonInclude(ALWAYS)} on every property the schema lists as {@code required} or declares nullable:
 *       other properties are left out when null. A required one that may be null (e.g. {@code property.updated}'s
 *       {@code previousListPrice}) must be written as an explicit {@code null}, and a required one that may not be
 *       null is then rejected by the schema check on write instead of silently disappearing. An "or null"
 *       property is written as {@code null} ("no previous agent" is a fact a consumer can read), as the
 *       producers did before the types. Nullable means: a {@code type} list with {@code "null"}, an {@code enum}
 *       with {@code null}, or a {@code $ref} to a {@code common.schema.json} definition named {@code nullable...}
 *       (the property node is not resolved here; {@code GeneratedPayloadsTest} checks the rule against the
 *       schemas).</li>
 *   <li>{@code implements EventPayload} on the type of each event schema file (the top-level schema, which carries
 *       {@code $schema}): the envelope fields every event has ({@code tenantId}, {@code version},
 *       {@code occurredAt}) become a common Java interface, so the outbox takes event payloads only.</li>
 * </ul>
 * Runs inside the jsonschema2pojo Maven plugin (its {@code customAnnotator}); it is not on any runtime classpath.
 */
public class EventPayloadAnnotator extends AbstractAnnotator {

    static final String EVENT_PAYLOAD = "com.keystone.crm.platform.contracts.EventPayload";

    /** Required property names per generated class; the plugin calls {@link #propertyInclusion} first. */
    private final Map<String, Set<String>> requiredByClass = new HashMap<>();

    @Override
    public void propertyInclusion(JDefinedClass clazz, JsonNode schema) {
        clazz.annotate(JsonIgnoreProperties.class).param("ignoreUnknown", true);
        if (schema.has("$schema")) {
            clazz._implements(clazz.owner().ref(EVENT_PAYLOAD));
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        requiredByClass.put(clazz.fullName(), required);
    }

    @Override
    public void propertyField(JFieldVar field, JDefinedClass clazz, String propertyName, JsonNode propertyNode) {
        if (requiredByClass.getOrDefault(clazz.fullName(), Set.of()).contains(propertyName) || nullable(propertyNode)) {
            field.annotate(JsonInclude.class).param("value", JsonInclude.Include.ALWAYS);
        }
    }

    static boolean nullable(JsonNode property) {
        for (JsonNode type : property.path("type")) {
            if ("null".equals(type.asText())) {
                return true;
            }
        }
        for (JsonNode value : property.path("enum")) {
            if (value.isNull()) {
                return true;
            }
        }
        String ref = property.path("$ref").asText("");
        return ref.substring(ref.lastIndexOf('/') + 1).startsWith("nullable");
    }
}
