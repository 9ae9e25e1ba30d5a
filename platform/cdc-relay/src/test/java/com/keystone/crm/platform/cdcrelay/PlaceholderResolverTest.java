package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class PlaceholderResolverTest {

    private final PlaceholderResolver resolver = new PlaceholderResolver(EnvLookup.of(Map.of(
            "CRM_DB_HOST", "db.internal",
            "CRM_DB_PORT", "5433",
            "EMPTY", "",
            "DOLLAR", "pa$$w0rd\\x")));

    @Test
    void resolves_env_placeholders_anywhere_in_a_value() {
        Map<String, String> resolved = resolver.resolve("c", Map.of(
                "database.hostname", "${env:CRM_DB_HOST}",
                "url", "jdbc:postgresql://${env:CRM_DB_HOST}:${env:CRM_DB_PORT}/x",
                "empty", "${env:EMPTY}",
                "password", "${env:DOLLAR}"));

        assertThat(resolved)
                .containsEntry("database.hostname", "db.internal")
                .containsEntry("url", "jdbc:postgresql://db.internal:5433/x")
                .containsEntry("empty", "")
                .containsEntry("password", "pa$$w0rd\\x");
    }

    @Test
    void leaves_placeholders_without_a_provider_untouched() {
        Map<String, String> resolved = resolver.resolve("c", Map.of(
                "transforms.outbox.route.topic.replacement", "${routedByValue}",
                "plain", "no placeholder",
                "mixed", "outbox.${routedByValue}.${env:CRM_DB_PORT}"));

        assertThat(resolved)
                .containsEntry("transforms.outbox.route.topic.replacement", "${routedByValue}")
                .containsEntry("plain", "no placeholder")
                .containsEntry("mixed", "outbox.${routedByValue}.5433");
    }

    @Test
    void keeps_the_key_order() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("b", "1");
        config.put("a", "${env:CRM_DB_PORT}");
        config.put("c", "3");

        assertThat(resolver.resolve("c", config).keySet()).containsExactly("b", "a", "c");
    }

    @Test
    void an_unset_variable_is_an_error_naming_every_missing_one() {
        assertThatThrownBy(() -> resolver.resolve("lead-service-outbox", Map.of(
                "database.user", "${env:CRM_DB_USER}",
                "database.password", "${env:CRM_DB_PASSWORD}")))
                .isInstanceOf(RelayConfigException.class)
                .hasMessageContaining("lead-service-outbox")
                .hasMessageContaining("CRM_DB_USER is not set")
                .hasMessageContaining("CRM_DB_PASSWORD is not set")
                .hasMessageContaining("crm.db.password");
    }

    @Test
    void other_config_providers_are_rejected() {
        assertThatThrownBy(() -> resolver.resolve("c", Map.of("database.password", "${file:/secrets/db.properties:password}")))
                .isInstanceOf(RelayConfigException.class)
                .hasMessageContaining("unsupported config provider");
    }

    @Test
    void a_system_property_with_the_dotted_name_overrides_the_environment() {
        Properties properties = new Properties();
        properties.setProperty("crm.db.host", "from-property");
        EnvLookup env = new EnvLookup(Map.of("CRM_DB_HOST", "from-env", "CRM_DB_PORT", "1"), properties);

        assertThat(new PlaceholderResolver(env).resolve("c", Map.of("h", "${env:CRM_DB_HOST}", "p", "${env:CRM_DB_PORT}")))
                .containsEntry("h", "from-property")
                .containsEntry("p", "1");
    }
}
