package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rendered manifest into its Kubernetes model class (fabric8; Strimzi and Prometheus Operator resources
 * too) and reports every field the model does not know. The model classes keep unknown fields in an
 * {@code additionalProperties} map instead of failing, so after reading, the object graph is walked and any
 * non-empty {@code additionalProperties} is an error, with its path: a misspelt {@code readinesProbe} fails here.
 */
public final class StrictKubernetesModel {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Secret", "io.fabric8.kubernetes.api.model.Secret"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("batch/v1/Job", "io.fabric8.kubernetes.api.model.batch.v1.Job"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    "io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaConnector", "io.strimzi.api.kafka.model.connector.KafkaConnector"));

    private StrictKubernetesModel() {
    }

    /** The model object of a manifest; AssertionError naming the object and field when it has unknown fields. */
    public static Object read(JsonNode manifest) {
        String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        String label = type + " " + manifest.path("metadata").path("name").asText();
        String className = KINDS.get(type);
        if (className == null) {
            throw new AssertionError(label + ": a kind this check does not know (add its model class)");
        }
        Object model;
        try {
            model = MAPPER.treeToValue(manifest, Class.forName(className));
        } catch (Exception e) {
            throw new AssertionError(label + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(label + ": fields the Kubernetes model does not know: " + unknown);
        }
        return model;
    }

    private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null || path.chars().filter(c -> c == '.').count() > 40) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + k));
                }
                continue;
            }
            String field = getter.getName().startsWith("is") ? getter.getName().substring(2) : getter.getName().substring(3);
            walk(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), unknown, seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return (name.startsWith("io.fabric8.") || name.startsWith("io.strimzi.")) && !type.isEnum();
    }
}
