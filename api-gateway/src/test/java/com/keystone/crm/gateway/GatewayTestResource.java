package com.keystone.crm.gateway;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
    public static final int LEAD_SERVICE_PORT = freePort();
    /** lead-service's management interface (/q/health, /q/metrics), off its public port. */
    public static final int LEAD_SERVICE_MANAGEMENT_PORT = freePort();

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
        c.put("crm.gateway.services.lead-service.url", "http://localhost:" + LEAD_SERVICE_PORT);
        c.put("crm.gateway.services.echo-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.echo-service.prefixes", "/api/v1/echo");
        c.put("crm.gateway.services.fragile-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.fragile-service.prefixes", "/api/v1/fragile");
        c.put("crm.gateway.services.touchy-service.url", "http://localhost:" + FakeUpstream.get().port());
        c.put("crm.gateway.services.touchy-service.prefixes", "/api/v1/touchy");
        c.put("crm.gateway.services.nowhere-service.url", "http://localhost:" + freePort());
        c.put("crm.gateway.services.nowhere-service.prefixes", "/api/v1/nowhere");
        c.put("crm.gateway.timeout", "PT1S");
        c.put("crm.gateway.breaker.max-failures", "8");
        c.put("crm.gateway.breaker.reset-timeout", "PT1S");
        c.put("crm.gateway.max-body-bytes", "65536");
        // the trace test's consumer of lead.created (TracedLeadConsumer); the gateway itself consumes nothing
        c.put("mp.messaging.incoming." + TracedLeadConsumer.CHANNEL + ".connector", "smallrye-kafka");
        c.put("mp.messaging.incoming." + TracedLeadConsumer.CHANNEL + ".topic", "lead.created");
        // (until lead-service's first lead.created, the topic does not exist: the client's retry is no news)
        c.put("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
        return c;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
