package com.keystone.crm.tools.localstack;

import com.keystone.crm.tools.deploycheck.Repo;
import com.keystone.crm.tools.deploycheck.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's environment for each service, by the same rule as compose and Helm: every variable it sets is
 * one the service reads (config mapping map keys included, e.g. notification-service's
 * {@code crm.notify.providers.twilio.base-url}). Lives in the local stack's package to reach its package-private
 * environment builder.
 */
class LocalStackEnvironmentTest {

    @TempDir
    Path scratch;

    @Test
    void everyVariableTheLocalStackSetsIsReadByItsService() {
        // a scratch root, not the repository's: building property-sync-service's environment makes its MLS master key
        // in the data directory
        StackConfig config = new StackConfig(scratch);
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (!Repo.SERVICES.contains(spec.name())) {
                continue;
            }
            ServiceConfig service = ServiceConfig.of(spec.name());
            Map<String, String> env = QuarkusServiceNode.environment(config, spec);
            assertThat(env.keySet()).as("variables the local stack sets for %s", spec.name())
                    .allSatisfy(v -> assertThat(service.reads(v)).as(v).isTrue());
        }
    }

    @Test
    void theFakesEnvironmentMapsOntoNotificationServicesProviders() {
        ServiceConfig notification = ServiceConfig.of("notification-service");
        assertThat(ProviderFakesNode.notificationEnvironment().keySet())
                .isNotEmpty().allSatisfy(v -> assertThat(notification.reads(v)).as(v).isTrue());
        assertThat(notification.knownPatterns()).contains("crm.notify.providers.*.base-url",
                "crm.notify.providers.*.auth-token", "crm.notify.public-base-url");
    }
}
