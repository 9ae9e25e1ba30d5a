package com.keystone.crm.tools.deploycheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigMappingScannerTest {

    @Test
    void followsNestedInterfacesMapsOptionalsAndNames() {
        String source = """
                package x;
                /** settings {with braces} */
                @ConfigMapping(prefix = "crm.demo")
                public interface DemoConfig {
                    Worker worker();
                    // a comment() ;
                    Optional<String> publicBaseUrl();
                    Map<String, Provider> providers();
                    Map<String, List<String>> chains();
                    @WithName("odd_name") @WithDefault("3") int renamed();

                    interface Worker {
                        @WithDefault("true")
                        boolean enabled();
                        Duration pollInterval();
                    }

                    interface Provider {
                        String kind();
                        Optional<String> baseUrl();
                    }
                }
                """;
        assertThat(ConfigMappingScanner.properties(source)).containsExactlyInAnyOrder(
                "crm.demo.worker.enabled", "crm.demo.worker.poll-interval", "crm.demo.public-base-url",
                "crm.demo.providers.*.kind", "crm.demo.providers.*.base-url", "crm.demo.chains.*", "crm.demo.odd_name");
    }

    @Test
    void aSourceWithoutMappingHasNoProperties() {
        assertThat(ConfigMappingScanner.properties("interface A { String b(); }")).isEmpty();
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertThat(EnvNames.of("crm.gateway.services.lead-service.url")).isEqualTo("CRM_GATEWAY_SERVICES_LEAD_SERVICE_URL");
        assertThat(EnvNames.of("quarkus.http.header.\"X-Frame\".value")).isEqualTo("QUARKUS_HTTP_HEADER__X_FRAME__VALUE");
        assertThat(EnvNames.pattern("crm.notify.providers.*.base-url").matcher("CRM_NOTIFY_PROVIDERS_TWILIO_BASE_URL")
                .matches()).isTrue();
        assertThat(EnvNames.pattern("crm.notify.providers.*.base-url").matcher("CRM_NOTIFY_PROVIDERS__BASE_URL")
                .matches()).isFalse();
        assertThat(EnvNames.pattern("crm.notify.providers.*.base-url").matcher("CRM_NOTIFY_BASE_URL").matches()).isFalse();
    }

    @Test
    void secretsAndDeveloperDefaultsNeedTheEnvironment() {
        assertThat(ServiceConfig.needsEnvironment("quarkus.datasource.password", "postgres")).isTrue();
        assertThat(ServiceConfig.needsEnvironment("crm.notify.providers.twilio.auth-token", "x")).isTrue();
        assertThat(ServiceConfig.needsEnvironment("kafka.bootstrap.servers", "localhost:9092")).isTrue();
        assertThat(ServiceConfig.needsEnvironment("crm.cursor.secret", "k")).isTrue();
        assertThat(ServiceConfig.needsEnvironment("crm.login.max-failures", "5")).isFalse();
    }
}
