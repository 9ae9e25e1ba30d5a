package com.keystone.crm.gateway;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Real PostgreSQL, Kafka and CDC relay for the gateway, the configured first tenant and admin, a fake upstream
 * (a real HTTP server) behind /api/v1/echo, and lead-service's route pointing at the port where the end-to-end
 * test boots the real lead-service.
 */
public class GatewayTestResource extends CrmServiceResource {
    public static final String TENANT = "acme-realty";
    public static final String ADMIN_EMAIL = "admin@acme-realty.test";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final int LEAD_SERVICE_PORT = FreePorts.outsideEphemeralRange();

    /**
     * A port for every service of the gateway's own route table (its application.properties), so a test can boot any
     * of them (ServiceProcesses) where the gateway routes; lead-service keeps {@link #LEAD_SERVICE_PORT}.
     */
    public static final Map<String, Integer> SERVICE_PORTS = servicePorts();

    public GatewayTestResource() {
        super("api-gateway");
    }

    @Override
    protected Map<String, String> extraConfig(CrmTestEnvironment env) {
        Map<String, String> c = new HashMap<>();
        c.put("crm.bootstrap.tenant-id", TENANT);
        c.put("crm.bootstrap.tenant-name", "Acme Realty");
        c.put("crm.bootstrap.admin-email", ADMIN_EMAIL);
        c.put("crm.bootstrap.admin-password", ADMIN_PASSWORD);
        SERVICE_PORTS.forEach((service, port) -> c.put("crm.gateway.services." + service + ".url", "http://localhost:" + port));
        c.put("crm.gateway.services.echo-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.echo-service.prefixes", "/api/v1/echo");
        c.put("crm.gateway.services.fragile-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.fragile-service.prefixes", "/api/v1/fragile");
        c.put("crm.gateway.services.touchy-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.touchy-service.prefixes", "/api/v1/touchy");
        // port 1 (tcpmux): nothing listens there, ever; a port that was free when picked could be taken later by
        // another test server (it was, once: a 404 instead of the 503 ProxyTest expects)
        c.put("crm.gateway.services.nowhere-service.url", "http://127.0.0.1:1");
        c.put("crm.gateway.services.nowhere-service.prefixes", "/api/v1/nowhere");
        c.put("crm.gateway.timeout", "PT1S");
        c.put("crm.gateway.breaker.max-failures", "8");
        // long enough that ProxyTest's "still open" request lands inside it on a slow machine
        c.put("crm.gateway.breaker.reset-timeout", "PT3S");
        c.put("crm.gateway.max-body-bytes", "65536");
        // the trace test's consumer of lead.created (TracedLeadConsumer); the gateway itself consumes nothing
        c.put("mp.messaging.incoming." + TracedLeadConsumer.CHANNEL + ".connector", "smallrye-kafka");
        c.put("mp.messaging.incoming." + TracedLeadConsumer.CHANNEL + ".topic", "lead.created");
        // (until lead-service's first lead.created, the topic does not exist: the client's retry is no news)
        c.put("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
        return c;
    }

    private static Map<String, Integer> servicePorts() {
        java.util.Properties props = new java.util.Properties();
        try (java.io.InputStream in = GatewayTestResource.class.getResourceAsStream("/application.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> ports = new java.util.TreeMap<>();
        java.util.regex.Pattern url = java.util.regex.Pattern.compile("crm\\.gateway\\.services\\.([^.]+)\\.url");
        for (String key : props.stringPropertyNames()) {
            java.util.regex.Matcher m = url.matcher(key);
            if (m.matches()) {
                ports.put(m.group(1), "lead-service".equals(m.group(1)) ? LEAD_SERVICE_PORT
                        : FreePorts.outsideEphemeralRange());
            }
        }
        return java.util.Collections.unmodifiableMap(ports);
    }
}
