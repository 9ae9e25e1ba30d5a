package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderFakesNodeTest {
    private final StackConfig config = new StackConfig(Path.of("/repo"));

    @Test
    void notificationServiceSendsThroughTheFakesWithTheAccountTheFakeAccepts() {
        ServiceSpec notification = ServiceSpec.named("notification-service").orElseThrow();
        Map<String, String> env = QuarkusServiceNode.environment(config, notification);
        assertThat(env).containsEntry("CRM_NOTIFY_PROVIDERS_SMTP_HOST", "localhost")
                .containsEntry("CRM_NOTIFY_PROVIDERS_SMTP_PORT", "2525")
                .containsEntry("CRM_NOTIFY_PROVIDERS_TWILIO_BASE_URL", "http://localhost:8101")
                .containsEntry("CRM_NOTIFY_DEFAULTS_SMS_FROM", ProviderFakesNode.TWILIO_NUMBER)
                .containsEntry("CRM_NOTIFY_PUBLIC_BASE_URL", notification.baseUrl());
        List<String> command = new ProviderFakesNode(config, null, null).command();
        // the fake accepts exactly the account and token notification-service authenticates with
        assertThat(command.get(command.indexOf("--twilio-account-sid") + 1))
                .isEqualTo(env.get("CRM_NOTIFY_PROVIDERS_TWILIO_ACCOUNT_SID"));
        assertThat(command.get(command.indexOf("--twilio-auth-token") + 1))
                .isEqualTo(env.get("CRM_NOTIFY_PROVIDERS_TWILIO_AUTH_TOKEN"));
        assertThat(command.get(command.indexOf("--twilio-inbound-webhook") + 1))
                .isEqualTo(notification.baseUrl() + "/webhooks/twilio/inbound");
        assertThat(command).contains("-jar", config.providerFakesJar().toString());
        // other services get none of it
        assertThat(QuarkusServiceNode.environment(config, ServiceSpec.named("lead-service").orElseThrow()))
                .doesNotContainKeys("CRM_NOTIFY_PROVIDERS_SMTP_HOST", "CRM_S3_ENDPOINT");
    }

    @Test
    void theBannerShowsTheSinkAndThePortsOrWhyTheFakesDoNotRun() {
        String running = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1.0)
                .withProviderFakes(true).render();
        assertThat(running).contains("Provider fakes").contains("http://localhost:8100/")
                .contains("Twilio :8101").contains("SMTP :2525").contains("APNs :8104");
        String missing = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1.0)
                .withProviderFakes(false).render();
        assertThat(missing).contains("NOT RUNNING").contains("tools/provider-fakes/target/provider-fakes.jar");
        assertThat(new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1.0).render())
                .doesNotContain("Provider fakes");
    }
}
