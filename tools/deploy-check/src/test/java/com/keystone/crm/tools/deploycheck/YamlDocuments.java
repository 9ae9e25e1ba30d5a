package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;

/**
 * YAML to Jackson trees through SnakeYAML's safe constructor, which resolves anchors, aliases and merge keys the
 * way Docker Compose and Helm do. Duplicate keys are refused (a silently overwritten key is a classic compose bug).
 */
public final class YamlDocuments {
    public static final ObjectMapper JSON = new ObjectMapper();

    private YamlDocuments() {
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options));
    }

    public static JsonNode one(String text) {
        return JSON.valueToTree(yaml().load(text));
    }

    /** Every non-empty document of a multi-document stream ({@code ---} separated, as {@code helm template} prints). */
    public static List<JsonNode> all(String text) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }
}
