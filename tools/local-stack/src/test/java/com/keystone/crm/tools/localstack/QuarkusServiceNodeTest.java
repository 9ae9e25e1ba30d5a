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

    @Test
    void propertySyncServiceGetsTheDemoMlsCredentialsByReferenceAndOthersDoNot() {
        StackConfig config = new StackConfig(root);
        Map<String, String> env = QuarkusServiceNode.environment(config, ServiceSpec.named("property-sync-service").orElseThrow());

        assertThat(env).containsEntry("CRM_MLS_CREDENTIALS_DEMO_RETS_USERNAME", DemoMls.RETS_USER)
                .containsEntry("CRM_MLS_CREDENTIALS_DEMO_RETS_PASSWORD", DemoMls.RETS_PASSWORD)
                .containsEntry("CRM_MLS_CREDENTIALS_DEMO_RESO_USERNAME", DemoMls.RESO_CLIENT_ID)
                .containsEntry("CRM_MLS_CREDENTIALS_DEMO_RESO_PASSWORD", DemoMls.RESO_CLIENT_SECRET)
                .containsEntry("CRM_S3_ENDPOINT", StackConfig.S3_ENDPOINT)
                .containsEntry("CRM_S3_BUCKET", StackConfig.S3_BUCKET)
                .containsEntry("QUARKUS_HTTP_PORT", "8082")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/property-sync-service");
        // a master key for credentials given through the API: made once per data directory, then the same
        assertThat(env.get("CRM_MLS_SECRETS_ACTIVE_KEY")).isEqualTo(MlsMasterKey.KEY_ID);
        assertThat(env.get("CRM_MLS_SECRETS_KEYS")).matches(MlsMasterKey.KEY_ID + ":[A-Za-z0-9+/]{43}=");
        assertThat(java.util.Base64.getDecoder().decode(env.get("CRM_MLS_SECRETS_KEYS").substring(MlsMasterKey.KEY_ID.length() + 1))).hasSize(32);
        assertThat(QuarkusServiceNode.environment(config, ServiceSpec.named("property-sync-service").orElseThrow()))
                .containsEntry("CRM_MLS_SECRETS_KEYS", env.get("CRM_MLS_SECRETS_KEYS"));
        assertThat(QuarkusServiceNode.environment(config, ServiceSpec.named("lead-service").orElseThrow()))
                .doesNotContainKey("CRM_MLS_CREDENTIALS_DEMO_RETS_PASSWORD").doesNotContainKey("CRM_MLS_SECRETS_KEYS");
    }

    @Test
    void servicesRunWithTheLeanJvmOptionsUnlessOverridden() {
        assertThat(QuarkusServiceNode.jvmOptions(null)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(QuarkusServiceNode.jvmOptions("  ")).isEqualTo(QuarkusServiceNode.DEFAULT_JVM_OPTIONS);
        assertThat(QuarkusServiceNode.jvmOptions(" -Xmx256m   -Xss1m ")).containsExactly("-Xmx256m", "-Xss1m");
    }
}
