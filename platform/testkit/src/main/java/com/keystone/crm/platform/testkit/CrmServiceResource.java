package com.keystone.crm.platform.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource for one service: its database on the shared PostgreSQL, the shared Kafka broker,
 * the CDC relay reading its outbox, and JWT verification against the testkit's signing key, served as a JWKS.
 * A service's tests use a subclass naming the service, so every test class shares one boot.
 */
public abstract class CrmServiceResource implements QuarkusTestResourceLifecycleManager {
    private final String service;
    private final boolean withRelay;

    protected CrmServiceResource(String service) {
        this(service, true);
    }

    /** withRelay=false for a database that has no connector in deploy/connect (platform tests). */
    protected CrmServiceResource(String service, boolean withRelay) {
        this.service = service;
        this.withRelay = withRelay;
    }

    @Override
    public Map<String, String> start() {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        env.postgres().ensureDatabase(service);
        if (withRelay) {
            env.relayFor(service);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", env.postgres().reactiveUrl(service));
        config.put("quarkus.datasource.jdbc.url", env.postgres().jdbcUrl(service));
        config.put("quarkus.datasource.username", TestPostgres.USER);
        config.put("quarkus.datasource.password", TestPostgres.PASSWORD);
        config.put("kafka.bootstrap.servers", env.kafka().bootstrapServers());
        // the key set with its kid over HTTP, as services read the api-gateway's /.well-known/jwks.json
        config.put("mp.jwt.verify.publickey.location", TestJwks.url());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.putAll(extraConfig(env));
        return config;
    }

    /** Hook for services that need more (S3, fake providers). */
    protected Map<String, String> extraConfig(CrmTestEnvironment env) {
        return Map.of();
    }

    @Override
    public void stop() {
        // shared for the whole JVM: CrmTestEnvironment stops it at exit
    }
}
