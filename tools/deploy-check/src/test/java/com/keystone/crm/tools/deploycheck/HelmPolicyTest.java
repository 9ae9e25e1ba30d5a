package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered chart follows the policy (probes, limits, non-root, read-only, PDBs, tags) and the traffic rules. */
class HelmPolicyTest {

    @Test
    void defaultAndProductionRendersFollowThePolicy() {
        assertThat(ChartPolicy.violations(HelmChart.defaults())).isEmpty();
        assertThat(ChartPolicy.violations(HelmChart.production())).isEmpty();
    }

    @Test
    void thePolicyCatchesWhatItShould() {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode o : HelmChart.defaults()) {
            objects.add(o.deepCopy());
        }
        JsonNode deployment = HelmChart.named(objects, "Deployment", HelmChart.objectName("lead-service"));
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.remove("livenessProbe");
        ((ObjectNode) container.path("securityContext")).put("readOnlyRootFilesystem", false);
        ((ObjectNode) container.path("resources")).remove("limits");
        container.put("image", "keystone-crm/lead-service:latest");
        objects.removeIf(o -> o.path("kind").asText().equals("PodDisruptionBudget")
                && o.path("metadata").path("name").asText().equals(HelmChart.objectName("lead-service")));
        assertThat(ChartPolicy.violations(objects)).hasSize(6).allMatch(v -> v.contains("crm-lead-service"))
                .anyMatch(v -> v.contains("livenessProbe")).anyMatch(v -> v.contains("writable"))
                .anyMatch(v -> v.contains("cpu limit")).anyMatch(v -> v.contains("no version tag"))
                .anyMatch(v -> v.contains("PodDisruptionBudget"));
    }

    @Test
    void probesHitTheManagementPortEachServiceConfigures() {
        for (String service : Repo.SERVICES) {
            JsonNode deployment = HelmChart.named(HelmChart.defaults(), "Deployment", HelmChart.objectName(service));
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            int management = -1;
            for (JsonNode port : container.path("ports")) {
                if (port.path("name").asText().equals("management")) {
                    management = port.path("containerPort").asInt();
                }
            }
            assertThat(Repo.read(service + "/src/main/resources/application.properties"))
                    .as(service).contains("quarkus.management.port=" + management);
        }
    }

    @Test
    void onlyTheGatewayTakesOutsideTrafficAndServicesAdmitTheGatewayAndTheScraper() {
        List<JsonNode> objects = HelmChart.defaults();
        for (String service : Repo.SERVICES) {
            JsonNode policy = HelmChart.named(objects, "NetworkPolicy", HelmChart.objectName(service));
            String rules = policy.path("spec").path("ingress").toString();
            assertThat(rules).as(service).contains("\"kubernetes.io/metadata.name\":\"monitoring\"");
            if (service.equals("api-gateway")) {
                assertThat(rules).contains("ingress-nginx");
            } else {
                assertThat(rules).as(service).doesNotContain("ingress-nginx")
                        .contains("\"app.kubernetes.io/name\":\"api-gateway\"");
            }
        }
        JsonNode ingress = HelmChart.ofKind(HelmChart.production(), "Ingress").get(0);
        assertThat(ingress.path("spec").path("rules").get(0).path("http").path("paths").findValuesAsText("name"))
                .containsOnly(HelmChart.objectName("api-gateway"), HelmChart.objectName("notification-service"), "http");
    }

    @Test
    void statelessServicesAutoscaleAndTheSyncServiceDoesNot() {
        List<String> scaled = HelmChart.ofKind(HelmChart.defaults(), "HorizontalPodAutoscaler").stream()
                .map(h -> h.path("spec").path("scaleTargetRef").path("name").asText()).toList();
        assertThat(scaled).contains(HelmChart.objectName("api-gateway"), HelmChart.objectName("lead-service"))
                .doesNotContain(HelmChart.objectName("property-sync-service"));
        scaled.forEach(target -> HelmChart.named(HelmChart.defaults(), "Deployment", target));
    }
}
