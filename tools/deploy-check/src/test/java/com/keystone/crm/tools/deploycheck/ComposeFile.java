package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml as a tree (merge keys and anchors resolved), with the few views the checks need. */
public record ComposeFile(JsonNode root) {

    public static ComposeFile load() {
        return parse(Repo.read("docker-compose.yml"));
    }

    public static ComposeFile parse(String yaml) {
        return new ComposeFile(YamlDocuments.one(yaml));
    }

    public JsonNode services() {
        return root.path("services");
    }

    public List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services().fieldNames().forEachRemaining(names::add);
        return names;
    }

    public JsonNode service(String name) {
        JsonNode service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** A service's environment (map or list form), values as written (interpolation left alone). */
    public Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service(name).path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String text = item.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            });
        }
        return env;
    }

    /** A one-shot job: it exits, and others wait for {@code service_completed_successfully}. */
    public boolean isOneShot(String name) {
        return "no".equals(service(name).path("restart").asText("no"))
                && !service(name).has("healthcheck");
    }
}
