package com.keystone.crm.gateway;

import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.S3ProxyServer;
import com.keystone.crm.platform.testkit.ServiceJarProcess;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jars of the gateway's services, each a testkit {@link ServiceJarProcess} on the port the gateway
 * routes to ({@link GatewayTestResource#SERVICE_PORTS}), with one set of properties that fits every service (the
 * gateway's JWKS instead of the testkit's, S3, the loopback MLS allow-list) on top of the testkit's standard ones
 * (its own database, Kafka). A service whose module is not packaged is skipped and reported; a new service needs no
 * change here. Booted once ({@link #shared}) for every test that talks to a real service: a boot of five jars costs a
 * minute of the two cores, and each extra boot of one another half minute.
 */
public final class ServiceProcesses implements AutoCloseable {
    private static ServiceProcesses shared;

    private final Map<String, ServiceJarProcess> running = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    /**
     * The services of this test JVM's {@link RealServicesProfile}, booted by the first caller; one a test stopped (to
     * see the gateway's 503) and left stopped is booted again. The processes' shutdown hooks end them with the JVM.
     */
    public static synchronized ServiceProcesses shared(int gatewayPort) {
        if (shared == null) {
            shared = startAll(gatewayPort);
        }
        shared.running.values().stream().filter(p -> !p.isAlive()).forEach(p -> p.start("restarted"));
        return shared;
    }

    /** One started service of {@link #shared}; fails clearly when its module is not packaged. */
    public static ServiceJarProcess shared(int gatewayPort, String service) {
        ServiceJarProcess process = shared(gatewayPort).running().get(service);
        if (process == null) {
            throw new IllegalStateException(service + " is not packaged: package it before the gateway's tests");
        }
        return process;
    }

    /** Starts every packaged service of the route table (side by side), the gateway's JWKS at {@code gatewayPort}. */
    public static ServiceProcesses startAll(int gatewayPort) {
        ServiceProcesses all = new ServiceProcesses();
        try {
            GatewayTestResource.SERVICE_PORTS.forEach((service, port) -> all.launch(service, port, gatewayPort));
            all.running.values().forEach(ServiceJarProcess::awaitReady);
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
    }

    /** The started services by name: {@link ServiceJarProcess#baseUrl()} reaches one directly, past the gateway. */
    public Map<String, ServiceJarProcess> running() {
        return running;
    }

    public List<String> skipped() {
        return skipped;
    }

    private void launch(String service, int port, int gatewayPort) {
        if (!Files.isRegularFile(ServiceJarProcess.jar(service))) {
            skipped.add(service);
            return;
        }
        S3ProxyServer s3 = CrmTestEnvironment.get().s3();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mp.jwt.verify.publickey.location", "http://localhost:" + gatewayPort + "/.well-known/jwks.json");
        // the names the services' application.properties read (as tools/local-stack, compose and Helm set them)
        properties.put("CRM_S3_ENDPOINT", s3.endpoint().toString());
        properties.put("CRM_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
        properties.put("CRM_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
        properties.put("crm.mls.allowed-private-hosts", "localhost,127.0.0.1");
        running.put(service, ServiceJarProcess.onPort(service, "gateway", properties, port).launch("run-1"));
    }

    @Override
    public void close() {
        running.values().forEach(ServiceJarProcess::close);
        running.clear();
    }
}
