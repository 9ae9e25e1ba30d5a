package com.keystone.crm.tools.deploycheck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable a container reads is set in docker-compose.yml, and every one set is read (a typo or
 * a renamed property would otherwise be ignored in silence). The services' side comes from {@link ServiceConfig};
 * the other containers built here say what they read in their sources.
 */
class ComposeEnvironmentTest {
    private final ComposeFile compose = ComposeFile.load();

    static List<String> services() {
        return Repo.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableSetForAServiceIsRead(String service) {
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(compose.environment(service).keySet()).as("variables of %s that it never reads", service)
                .allSatisfy(variable -> assertThat(config.reads(variable)).as(variable).isTrue());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableAServiceNeedsIsSet(String service) {
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(compose.environment(service)).as("what %s needs in a deployment", service)
                .containsKeys(config.neededVariables().toArray(String[]::new));
    }

    @Test
    void theDerivationFindsWhatItShould() {
        // guards the derivation itself: if it found nothing, the two checks above would pass vacuously
        ServiceConfig notification = ServiceConfig.of("notification-service");
        assertThat(notification.neededVariables()).contains("QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "CRM_CURSOR_SECRET", "CRM_NOTIFY_LINK_SECRET",
                "CRM_NOTIFY_PROVIDERS_SMTP_HOST", "CRM_NOTIFY_PROVIDERS_TWILIO_AUTH_TOKEN", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(notification.reads("CRM_NOTIFY_PROVIDERS_TWILIO_BASE_URL")).isTrue();   // mapping, map key
        assertThat(notification.reads("CRM_NOTIFY_PROVIDERS_TWILIO_BASE_URI")).isFalse();
        assertThat(notification.reads("CRM_NOTIFY_PUBLIC_BASE_URL")).isTrue();             // Optional in the mapping
        assertThat(notification.reads("CRM_NOTIFY_LINK_SECRETS")).isFalse();
        ServiceConfig propertySync = ServiceConfig.of("property-sync-service");
        assertThat(propertySync.envReferences()).containsKeys("CRM_S3_BUCKET", "CRM_S3_ENDPOINT");
        assertThat(propertySync.reads("CRM_MLS_CREDENTIALS_DEMO_RETS_USERNAME")).isTrue();  // looked up by prefix
        assertThat(ServiceConfig.of("api-gateway").neededVariables())
                .contains("CRM_GATEWAY_SERVICES_LEAD_SERVICE_URL", "CRM_BOOTSTRAP_ADMIN_PASSWORD");
    }

    @Test
    void theTopicJobGetsWhatTheProvisionerReads() throws IOException {
        Set<String> reads = literals("platform/topic-provisioner/src/main/java", "\"((?:KAFKA|TOPICS)_[A-Z_]+)\"");
        assertThat(reads).contains("KAFKA_BOOTSTRAP_SERVERS", "TOPICS_REPLICATION_FACTOR");
        assertThat(compose.environment("topics").keySet())
                .allSatisfy(v -> assertThat(reads.contains(v) || v.startsWith("KAFKA_ADMIN_")).as(v).isTrue());
    }

    @Test
    void theProviderFakesGetOnlyVariablesTheyRead() throws IOException {
        // ProviderFakesSettings: every --flag is also FAKES_<FLAG>
        Set<String> reads = new LinkedHashSet<>();
        literals("tools/provider-fakes/src/main/java", "o\\.put\\(\"--([a-z\\-]+)\"")
                .forEach(flag -> reads.add("FAKES_" + flag.replace('-', '_').toUpperCase(java.util.Locale.ROOT)));
        assertThat(reads).contains("FAKES_TWILIO_PORT", "FAKES_TWILIO_INBOUND_WEBHOOK");
        assertThat(compose.environment("provider-fakes").keySet()).allSatisfy(v -> assertThat(reads).contains(v));
        // and the account notification-service sends with is the one the fake accepts
        Map<String, String> fakes = compose.environment("provider-fakes");
        Map<String, String> notify = compose.environment("notification-service");
        assertThat(notify.get("CRM_NOTIFY_PROVIDERS_TWILIO_ACCOUNT_SID")).isEqualTo(fakes.get("FAKES_TWILIO_ACCOUNT_SID"));
        assertThat(notify.get("CRM_NOTIFY_PROVIDERS_TWILIO_AUTH_TOKEN")).isEqualTo(fakes.get("FAKES_TWILIO_AUTH_TOKEN"));
        assertThat(notify.get("CRM_NOTIFY_DEFAULTS_SMS_FROM")).isEqualTo(fakes.get("FAKES_TWILIO_NUMBER"));
    }

    @Test
    void connectGetsExactlyThePlaceholdersOfTheConnectorFiles() throws IOException {
        Set<String> placeholders = new LinkedHashSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(Repo.path("deploy/connect"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Matcher m = Pattern.compile("\\$\\{env:([A-Z_]+)}").matcher(Files.readString(file));
                while (m.find()) {
                    placeholders.add(m.group(1));
                }
            }
        }
        assertThat(placeholders).isNotEmpty();
        Set<String> crmSet = new LinkedHashSet<>(compose.environment("connect").keySet());
        crmSet.removeIf(v -> !v.startsWith("CRM_"));
        assertThat(crmSet).isEqualTo(placeholders);
        assertThat(compose.environment("connect")).containsEntry("CONNECT_CONFIG_PROVIDERS", "env");
    }

    private static Set<String> literals(String dir, String regex) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        Pattern pattern = Pattern.compile(regex);
        try (Stream<java.nio.file.Path> files = Files.walk(Repo.path(dir))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
