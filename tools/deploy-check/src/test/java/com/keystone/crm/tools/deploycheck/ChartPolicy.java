package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart's rules for rendered objects, as a list of violations (empty = compliant): every container has probes
 * on the health endpoints, requests and limits, runs as non-root on a read-only root filesystem without
 * capabilities or privilege escalation, under seccomp RuntimeDefault; images carry a version tag, never latest;
 * every Deployment has a PodDisruptionBudget that selects its pods.
 */
public final class ChartPolicy {
    private ChartPolicy() {
    }

    public static List<String> violations(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String label = kind + " " + object.path("metadata").path("name").asText();
            JsonNode podSpec = switch (kind) {
                case "Deployment", "Job" -> object.path("spec").path("template").path("spec");
                default -> null;
            };
            if (podSpec == null) {
                continue;
            }
            if (!podSpec.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
                problems.add(label + ": pod securityContext.runAsNonRoot is not true");
            }
            for (JsonNode container : podSpec.path("containers")) {
                String where = label + " container " + container.path("name").asText();
                checkContainer(container, podSpec, kind.equals("Deployment"), where, problems);
            }
            if (kind.equals("Deployment") && !hasPdb(object, objects)) {
                problems.add(label + ": no PodDisruptionBudget selects its pods");
            }
        }
        return problems;
    }

    private static void checkContainer(JsonNode c, JsonNode pod, boolean longRunning, String where, List<String> problems) {
        String image = c.path("image").asText();
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        if (tag.isEmpty() || tag.equals("latest") || tag.contains("/")) {
            problems.add(where + ": image " + image + " has no version tag");
        }
        JsonNode security = c.path("securityContext");
        if (!security.path("runAsNonRoot").asBoolean(false)) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        if (security.path("runAsUser").asInt(-1) == 0) {
            problems.add(where + ": runs as user 0");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add(where + ": root filesystem is writable");
        }
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problems.add(where + ": capabilities are not all dropped");
        }
        String seccomp = security.path("seccompProfile").path("type")
                .asText(pod.path("securityContext").path("seccompProfile").path("type").asText(""));
        if (!seccomp.equals("RuntimeDefault")) {
            problems.add(where + ": seccomp profile is not RuntimeDefault");
        }
        for (String resource : List.of("cpu", "memory")) {
            if (c.path("resources").path("limits").path(resource).isMissingNode()) {
                problems.add(where + ": no " + resource + " limit");
            }
            if (c.path("resources").path("requests").path(resource).isMissingNode()) {
                problems.add(where + ": no " + resource + " request");
            }
        }
        if (longRunning) {
            Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                    "readinessProbe", "/q/health/ready");
            probes.forEach((probe, path) -> {
                JsonNode get = c.path(probe).path("httpGet");
                if (!path.equals(get.path("path").asText())) {
                    problems.add(where + ": " + probe + " does not GET " + path);
                } else if (!"management".equals(get.path("port").asText())) {
                    problems.add(where + ": " + probe + " is not on the management port");
                }
            });
        }
    }

    private static boolean hasPdb(JsonNode deployment, List<JsonNode> objects) {
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        return HelmChart.ofKind(objects, "PodDisruptionBudget").stream().anyMatch(pdb -> {
            JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
            if (selector.isEmpty()) {
                return false;
            }
            var it = selector.fields();
            while (it.hasNext()) {
                var label = it.next();
                if (!label.getValue().asText().equals(podLabels.path(label.getKey()).asText(null))) {
                    return false;
                }
            }
            return true;
        });
    }
}
