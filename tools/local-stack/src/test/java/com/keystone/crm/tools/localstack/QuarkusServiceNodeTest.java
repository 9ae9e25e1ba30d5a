package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuarkusServiceNodeTest {
    @TempDir
    Path root;

    @Test
    void servicesVerifyTheLocalKeyUntilTheGatewayIsBuiltThenItsJwks() throws Exception {
        StackConfig config = new StackConfig(root);
        ServiceSpec lead = ServiceSpec.named("lead-service").orElseThrow();
        ServiceSpec gateway = ServiceSpec.named("api-gateway").orElseThrow();

        assertThat(QuarkusServiceNode.environment(config, lead).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
                .isEqualTo("file:" + config.publicKeyFile());

        Files.createDirectories(config.serviceJar(gateway).getParent());
        Files.writeString(config.serviceJar(gateway), "jar");
        assertThat(QuarkusServiceNode.environment(config, lead).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
                .isEqualTo("http://localhost:8080/.well-known/jwks.json");
        Map<String, String> gatewayEnv = QuarkusServiceNode.environment(config, gateway);
        assertThat(gatewayEnv).containsEntry("CRM_BOOTSTRAP_TENANT_ID", DemoUser.TENANT)
                .containsEntry("CRM_BOOTSTRAP_ADMIN_EMAIL", DemoUser.ADMIN.email())
                .containsEntry("CRM_BOOTSTRAP_ADMIN_PASSWORD", GatewaySeeder.ADMIN_PASSWORD);
        assertThat(QuarkusServiceNode.environment(config, lead)).doesNotContainKey("CRM_BOOTSTRAP_ADMIN_PASSWORD");
    }
}
