package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the Compose Specification's JSON Schema (../shared/schemas/compose-spec.json). */
class ComposeSchemaTest {
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Repo.root().resolveSibling("shared/schemas/compose-spec.json");
        if (!Files.isRegularFile(file)) {
            // a clone without the shared folder next to it: the copy kept in this module
            file = Repo.path("tools/deploy-check/src/test/resources/compose-spec.json");
        }
        JsonNode node = YamlDocuments.JSON.readTree(file.toFile());
        // its "$id" is the bare file name "compose_spec.json", which the validator refuses as a base URI; the
        // schema has no remote references, so it is validated without one
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("$id");
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
    }

    @Test
    void composeFileValidatesAgainstTheComposeSpecification() {
        Set<ValidationMessage> errors = schema.validate(ComposeFile.load().root());
        assertThat(errors).isEmpty();
    }

    @Test
    void aMisspeltServiceKeyIsRefused() {
        ObjectNode root = ComposeFile.load().root().deepCopy();
        ObjectNode kafka = (ObjectNode) root.path("services").path("kafka");
        kafka.set("healthchek", kafka.remove("healthcheck"));
        assertThat(schema.validate(root)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("healthchek"));
    }

    @Test
    void aWrongDependsOnConditionIsRefused() {
        ObjectNode root = ComposeFile.load().root().deepCopy();
        ((ObjectNode) root.path("services").path("lead-service").path("depends_on").path("postgres"))
                .put("condition", "service_ready");
        assertThat(schema.validate(root)).isNotEmpty();
    }
}
