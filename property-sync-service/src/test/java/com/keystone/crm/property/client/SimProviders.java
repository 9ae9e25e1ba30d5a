package com.keystone.crm.property.client;

import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Provider settings and fast HTTP policies pointing the real clients at an in-process simulator. */
public final class SimProviders {

    public static final String USER_AGENT = "KeystoneCRM/1.0";

    private SimProviders() {
    }

    public static SimulatorOptions.Builder options(int listings) {
        return SimulatorOptions.builder().port(0).listings(listings).photosPerListing(3).seed(42L)
                .retsUser("rets-user").retsPassword("rets-pass").userAgent(USER_AGENT)
                .oauthClientId("reso-client").oauthClientSecret("reso-secret");
    }

    public static ProviderSettings reso(MlsSimulator sim, int pageSize, double requestsPerSecond) {
        return new ProviderSettings("reso-sim", "reso-web-api", sim.resoServiceRoot(), sim.oauthTokenUrl(), "reso-client",
                "reso-secret", USER_AGENT, null, null, false, "Property", null, null, Map.of(),
                zone(sim), pageSize, requestsPerSecond, 0, Duration.ofSeconds(10));
    }

    public static ProviderSettings rets(MlsSimulator sim, int pageSize, double requestsPerSecond) {
        return new ProviderSettings("rets-sim", "rets", sim.retsLoginUrl(), null, "rets-user", "rets-pass", USER_AGENT,
                sim.options().uaPassword(), "RETS/1.7.2", false, "Property", "RES,LND", "COMPACT", Map.of(),
                zone(sim), pageSize, requestsPerSecond, 0, Duration.ofSeconds(10));
    }

    /** The same settings with another format, UA password, POST switch or time zone. */
    public static ProviderSettings with(ProviderSettings s, String format, String uaPassword, boolean usePost, ZoneId zone) {
        return new ProviderSettings(s.providerId(), s.protocol(), s.url(), s.tokenUrl(), s.username(), s.password(), s.userAgent(),
                uaPassword, s.retsVersion(), usePost, s.resource(), s.searchClasses(), format, s.fieldMap(), zone, s.pageSize(),
                s.requestsPerSecond(), s.mediaPerHour(), s.requestTimeout());
    }

    public static ZoneId zone(MlsSimulator sim) {
        ZoneOffset offset = sim.options().serverZoneOffset();
        return offset == null ? ZoneOffset.UTC : offset;
    }

    /** Short backoffs so fault tests run in seconds; the rules are those of production. */
    public static HttpPolicy fastPolicy(ProviderSettings settings) {
        return HttpPolicy.from(settings).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withBreaker(20, Duration.ofMillis(500));
    }
}
