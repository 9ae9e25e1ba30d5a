package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrmTestEnvironmentTest {

    @Test
    void oneEnvironmentPerJvm() {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        assertThat(CrmTestEnvironment.get()).isSameAs(env);
        assertThat(env.postgres()).isSameAs(CrmTestEnvironment.get().postgres());
        assertThat(env.kafka()).isSameAs(CrmTestEnvironment.get().kafka());
    }

    @Test
    void projectRootIsTheRepositoryRoot() {
        Path root = CrmTestEnvironment.get().projectRoot();
        assertThat(root).isAbsolute();
        assertThat(root.resolve("deploy/connect/lead-service.json")).isRegularFile();
        assertThat(root.resolve("platform/cdc-relay/target/cdc-relay.jar")).isRegularFile();
        assertThat(CdcRelayProcess.relayJar(root)).isEqualTo(root.resolve("platform/cdc-relay/target/cdc-relay.jar"));
    }

    @Test
    void findRootWalksUpFromTheWorkingDirectoryWithoutTheProperty() throws Exception {
        String configured = System.getProperty("crm.root");
        try {
            System.clearProperty("crm.root");
            Path found = CrmTestEnvironment.findRoot();
            assertThat(found.resolve("deploy/connect")).isDirectory();
            assertThat(found.resolve("pom.xml")).isRegularFile();
            assertThat(Path.of("").toAbsolutePath().startsWith(found)).isTrue();

            System.setProperty("crm.root", "/no/such/directory");
            assertThat(CrmTestEnvironment.findRoot()).isEqualTo(found);
            if (configured != null) {
                assertThat(Files.isSameFile(found, Path.of(configured))).isTrue();
            }
        } finally {
            if (configured == null) {
                System.clearProperty("crm.root");
            } else {
                System.setProperty("crm.root", configured);
            }
        }
    }

    @Test
    void serviceResourceConfiguresTheServiceForTheSharedInfrastructure() {
        LeadServiceOutbox.prepare();
        CrmTestEnvironment env = CrmTestEnvironment.get();
        CrmServiceResource resource = new CrmServiceResource("lead-service") {
            @Override
            protected Map<String, String> extraConfig(CrmTestEnvironment e) {
                return Map.of("crm.s3.endpoint", e.s3().endpoint().toString());
            }
        };

        Map<String, String> config = resource.start();

        assertThat(config)
                .containsEntry("quarkus.datasource.reactive.url", env.postgres().reactiveUrl("lead-service"))
                .containsEntry("quarkus.datasource.jdbc.url", env.postgres().jdbcUrl("lead-service"))
                .containsEntry("quarkus.datasource.username", TestPostgres.USER)
                .containsEntry("quarkus.datasource.password", TestPostgres.PASSWORD)
                .containsEntry("kafka.bootstrap.servers", env.kafka().bootstrapServers())
                .containsEntry("mp.jwt.verify.publickey.location", TestJwks.url())
                .containsEntry("mp.jwt.verify.issuer", TestTokens.ISSUER)
                .containsEntry("mp.jwt.verify.audiences", TestTokens.AUDIENCE)
                .containsEntry("crm.s3.endpoint", env.s3().endpoint().toString());
        assertThat(env.relay()).as("the resource starts the relay of its service").isSameAs(env.relayFor("lead-service"));
        assertThat(env.relay().isAlive()).isTrue();
        new TestDatabase("lead-service").count("SELECT 1");
        resource.stop();
        assertThat(env.relay().isAlive()).as("stop() leaves the shared relay running").isTrue();
    }
}
