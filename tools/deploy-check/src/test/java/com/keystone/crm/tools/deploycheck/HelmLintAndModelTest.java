package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm lint (strict), helm template for the defaults and the production example, every object strictly typed. */
class HelmLintAndModelTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(HelmChart.dir()).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderOnlyKnownFieldsOfKnownKinds() {
        List<JsonNode> objects = HelmChart.defaults();
        assertThat(kinds(objects)).containsEntry("Deployment", 6L).containsEntry("Service", 6L)
                .containsEntry("ConfigMap", 6L).containsEntry("Secret", 12L).containsEntry("ServiceAccount", 6L)
                .containsEntry("PodDisruptionBudget", 6L).containsEntry("NetworkPolicy", 6L).containsEntry("Job", 1L)
                .containsKey("HorizontalPodAutoscaler").doesNotContainKeys("KafkaTopic", "KafkaConnector", "Ingress");
        objects.forEach(StrictKubernetesModel::read);
    }

    @Test
    void productionExampleRendersOnlyKnownFieldsOfKnownKinds() {
        List<JsonNode> objects = HelmChart.production();
        assertThat(kinds(objects)).containsEntry("Deployment", 6L).containsEntry("ServiceMonitor", 6L)
                .containsEntry("KafkaConnector", 6L).containsEntry("Ingress", 1L).containsKey("KafkaTopic")
                .doesNotContainKeys("Job", "Secret");   // secrets from existingSecret, topics from Strimzi
        objects.forEach(StrictKubernetesModel::read);
    }

    @Test
    void notesTellWhereThingsAre() {
        assertThat(HelmChart.installNotes(null)).contains("kubectl -n keystone port-forward svc/crm-api-gateway 8080:8080")
                .contains("topic-provisioner hook Job");
        assertThat(HelmChart.installNotes(HelmChart.productionValues())).contains("https://crm.example.com/")
                .contains("Strimzi KafkaTopic").contains("First admin: ops@example.com");
    }

    @Test
    void aMisspeltFieldIsRefused() {
        ObjectNode deployment = HelmChart.ofKind(HelmChart.defaults(), "Deployment").get(0).deepCopy();
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));
        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment)).hasMessageContaining("readinesProbe");
        ObjectNode topic = HelmChart.ofKind(HelmChart.production(), "KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.path("spec")).put("partition", 3);
        assertThatThrownBy(() -> StrictKubernetesModel.read(topic)).hasMessageContaining("partition");
    }

    @Test
    void valuesOutsideTheSchemaAreRefused() {
        assertThatThrownBy(() -> HelmChart.templateWith(null, Map.of("services.lead-service.replica", 3)))
                .hasMessageContaining("replica");
        assertThatThrownBy(() -> HelmChart.templateWith(null, Map.of("image.tag", "latest")));
    }

    private static Map<String, Long> kinds(List<JsonNode> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), Collectors.counting()));
    }
}
