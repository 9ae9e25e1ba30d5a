package com.keystone.crm.tools.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What issue #15 asks of docker-compose.yml beyond the schema. */
class ComposeStructureTest {
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void runsTheWholeSystem() {
        assertThat(compose.serviceNames()).containsAll(Repo.SERVICES)
                .contains("kafka", "postgres", "connect", "connect-register", "topics", "minio", "mailpit",
                        "provider-fakes", "mls-simulator");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryOneShotJobIsAwaitedToCompletion() {
        List<String> problems = new ArrayList<>();
        for (String name : compose.serviceNames()) {
            JsonNode service = compose.service(name);
            if (!compose.isOneShot(name) && !service.path("healthcheck").path("test").isArray()) {
                problems.add(name + " has no healthcheck test");
            }
            service.path("depends_on").fields().forEachRemaining(dep -> {
                String condition = dep.getValue().path("condition").asText("");
                String wanted = compose.isOneShot(dep.getKey()) ? "service_completed_successfully" : "service_healthy";
                if (!condition.equals(wanted)) {
                    problems.add(name + " depends on " + dep.getKey() + " with '" + condition + "', not " + wanted);
                }
            });
            if (service.path("depends_on").isArray()) {
                problems.add(name + ": depends_on without conditions");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void imagesArePinnedNeverLatest() {
        for (String name : compose.serviceNames()) {
            String image = compose.service(name).path("image").asText();
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag).as(name + " image " + image).contains(":").doesNotEndWith(":latest");
        }
    }

    @Test
    void theTestkitsContainerBackendsUseTheImagesComposeRuns() {
        String source = Repo.read("platform/testkit/src/main/java/com/keystone/crm/platform/testkit/ContainerBackends.java");
        for (String service : List.of("postgres", "kafka", "minio")) {
            String image = compose.service(service).path("image").asText();
            assertThat(source).as("testkit image of " + service).contains("\"" + image + "\"");
        }
    }

    @Test
    void ourImagesRunAsNonRootOnAReadOnlyFilesystem() {
        for (String name : compose.serviceNames()) {
            JsonNode service = compose.service(name);
            if (service.path("image").asText().startsWith("${CRM_REGISTRY")) {
                assertThat(service.path("user").asText()).as(name).isEqualTo("65532:65532");
                assertThat(service.path("read_only").asBoolean()).as(name).isTrue();
            }
        }
    }

    @Test
    void servicesAreProbedOnTheirManagementPort() {
        String[] ports = {"9080", "9081", "9082", "9083", "9084", "9085"};
        for (int i = 0; i < Repo.SERVICES.size(); i++) {
            String service = Repo.SERVICES.get(i);
            assertThat(compose.service(service).path("healthcheck").path("test").toString())
                    .as(service).contains("http://localhost:" + ports[i] + "/q/health/ready");
            assertThat(Repo.read(service + "/src/main/resources/application.properties"))
                    .contains("quarkus.management.port=" + ports[i]);
        }
    }

    @Test
    void postgresHasLogicalDecodingAndADatabasePerService() {
        assertThat(compose.service("postgres").path("command").toString()).contains("wal_level=logical");
        String init = Repo.read("deploy/compose/postgres/10-databases.sql");
        Repo.SERVICES.forEach(s -> assertThat(init).contains("CREATE DATABASE \"" + s + "\""));
        Repo.SERVICES.forEach(s -> assertThat(compose.environment(s).get("QUARKUS_DATASOURCE_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + s));
    }

    @Test
    void everyConnectorFileIsMountedForRegistration() throws IOException {
        assertThat(compose.service("connect-register").path("volumes").toString()).contains("./deploy/connect:/connect");
        try (Stream<java.nio.file.Path> files = Files.list(Repo.path("deploy/connect"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(Repo.SERVICES.size());
        }
        // the registration script reads each file's name the way it is written
        for (String service : Repo.SERVICES) {
            String file = Repo.read("deploy/connect/" + service + ".json");
            assertThat(file).containsPattern("(?m)^  \"name\": \"" + service + "-outbox\",$");
        }
    }

    @Test
    void secretsComeFromTheEnvFileAndTheExampleSetsEveryOne() {
        String yaml = Repo.read("docker-compose.yml").replaceAll("(?m)^\\s*#.*$", "");
        String example = Repo.read(".env.example");
        java.util.regex.Matcher required = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(yaml);
        List<String> missing = new ArrayList<>();
        while (required.find()) {
            if (!example.contains("\n" + required.group(1) + "=") && !example.startsWith(required.group(1) + "=")) {
                missing.add(required.group(1));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(Repo.read(".gitignore")).contains("/.env");
    }
}
