package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTest {
    private final StackConfig config = new StackConfig(Path.of("/repo"));

    private static ServiceSpec spec(String name) {
        return ServiceSpec.named(name).orElseThrow();
    }

    @Test
    void listsEveryUrlTheTokensAndHowToStop() {
        Map<DemoUser, String> tokens = new LinkedHashMap<>();
        tokens.put(DemoUser.AGENT, "agent.token.sig");
        tokens.put(DemoUser.ADMIN, "admin.token.sig");
        String text = new Banner(config, List.of(
                new Banner.ServiceLine(spec("api-gateway"), Banner.ServiceState.NO_MODULE, false),
                new Banner.ServiceLine(spec("lead-service"), Banner.ServiceState.RUNNING, true),
                new Banner.ServiceLine(spec("workflow-service"), Banner.ServiceState.RUNNING, false),
                new Banner.ServiceLine(spec("scoring-service"), Banner.ServiceState.NOT_BUILT, false)),
                Banner.RelayState.STREAMING, tokens, 42.5).render();

        assertThat(text)
                .contains("(42.5 s)")
                .contains("jdbc:postgresql://localhost:15432/<service>")
                .contains("localhost:9092")
                .contains("http://localhost:9000")
                .contains("crm-media")
                .contains("http://localhost:8090/health")
                .contains("http://localhost:8081   health http://localhost:9081/q/health")
                .contains("swagger http://localhost:8081/q/swagger-ui")
                .contains("http://localhost:8083   health http://localhost:9083/q/health")
                .doesNotContain("http://localhost:8083/q/swagger-ui")
                .contains("scoring-service/target/quarkus-app/quarkus-run.jar is missing")
                .contains("api-gateway            not started: no module yet")
                .contains(".local-stack/demo-tokens.env")
                .contains("agent.token.sig")
                .contains("admin.token.sig")
                .contains("Ctrl-C or `tools/local-stack/run stop` to stop");
    }

    @Test
    void printsTheDemoCredentialsWhenTheGatewaySeeded() {
        String text = new Banner(config, List.of(new Banner.ServiceLine(spec("api-gateway"), Banner.ServiceState.RUNNING, true)),
                Banner.RelayState.STREAMING, Map.of(DemoUser.AGENT, "agent.token.sig"), 3, true).render();

        assertThat(text)
                .contains(DemoUser.ADMIN.email() + " / " + GatewaySeeder.ADMIN_PASSWORD)
                .contains(DemoUser.AGENT.email() + " / " + GatewaySeeder.AGENT_PASSWORD)
                .contains("localhost:8080/auth/login")
                .contains("issued by the api-gateway, valid 5 min");
    }

    @Test
    void saysWhenTheRelayIsMissing() {
        String text = new Banner(config, List.of(), Banner.RelayState.NOT_BUILT, Map.of(), 1).render();

        assertThat(text).contains("CDC relay").contains("platform/cdc-relay/target/cdc-relay.jar is missing");
    }

    @Test
    void showsTheSimulatorTheProvidersTheDashboardAndThePropertySearch() {
        Banner.Mls mls = new Banner.Mls(8070, List.of(
                new MlsProviderSeeder.Seeded(DemoMls.RESO_PROVIDER_NAME, "reso-web-api", "p-1", "run-1"),
                new MlsProviderSeeder.Seeded(DemoMls.RETS_PROVIDER_NAME, "rets", "p-2", null)), null);
        String text = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1, true).withMls(mls).render();

        assertThat(text)
                .contains("http://localhost:8070/reso/odata")
                .contains("http://localhost:8070/oauth2/token client " + DemoMls.RESO_CLIENT_ID)
                .contains("http://localhost:8070/rets/login   Digest " + DemoMls.RETS_USER + " / " + DemoMls.RETS_PASSWORD)
                .contains(DemoMls.RESO_PROVIDER_NAME + " (reso-web-api) id p-1, sync run run-1 requested")
                .contains(DemoMls.RETS_PROVIDER_NAME + " (rets) id p-2, a sync was already running")
                .contains("http://localhost:8082/admin/sync-dashboard#token=")
                .contains("curl -s 'http://localhost:8080/api/v1/properties?")
                .contains("Bearer $DEMO_AGENT_TOKEN");
    }

    @Test
    void saysWhenTheProvidersCouldNotBeCreated() {
        String text = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1, true)
                .withMls(new Banner.Mls(8070, List.of(), "POST /api/v1/mls/providers answered 422")).render();

        assertThat(text).contains("MLS providers          NOT CREATED: POST /api/v1/mls/providers answered 422")
                .contains("http://localhost:8070/rets/login")
                .doesNotContain("sync-dashboard");
    }

    @Test
    void namesTheWorkflowsTheScoringModeAndTheMessageSink() {
        Banner.Automation automation = new Banner.Automation(List.of(
                new AutomationSeeder.Workflow("Speed to lead", "w-1", "active"),
                new AutomationSeeder.Workflow(AutomationSeeder.REPLY_WORKFLOW_NAME, "w-2", "active")), null,
                DemoUser.AGENT.email(), null);
        String text = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1, true)
                .withProviderFakes(true).withAutomation(automation).render();

        assertThat(text).contains("Workflows              active  Speed to lead  (w-1)")
                .contains("active  " + AutomationSeeder.REPLY_WORKFLOW_NAME + "  (w-2)")
                .contains("rule-based fallback")
                .contains("every new lead goes to " + DemoUser.AGENT.email())
                .contains("Message sink           http://localhost:8100/");
    }

    @Test
    void saysWhenTheWorkflowsCouldNotBeSeeded() {
        String text = new Banner(config, List.of(), Banner.RelayState.STREAMING, Map.of(), 1, true)
                .withAutomation(new Banner.Automation(List.of(), "POST /api/v1/workflows/templates answered 403")).render();

        assertThat(text).contains("Workflows              NOT SEEDED: POST /api/v1/workflows/templates answered 403");
    }
}
