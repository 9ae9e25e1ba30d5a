package com.keystone.crm.platform.chassis;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.TestPostgres;
import com.keystone.crm.platform.testkit.TestTokens;

import java.util.HashMap;
import java.util.Map;

/**
 * The real PostgreSQL and Kafka of platform/testkit for the chassis's test application ({@code chassis-test});
 * one boot shared by every {@code @QuarkusTest} class of the module.
 *
 * <p>{@link CrmServiceResource#start()} also starts the CDC relay for connector {@code chassis-test-outbox},
 * which deploy/connect does not have: the relay exits with a configuration error and the boot fails. The chassis
 * tests read {@code outbox_event} directly (the relay is tested with real services), so this resource builds the
 * same configuration without the relay.
 */
public class ChassisTestResource extends CrmServiceResource {
    public static final String SERVICE = "chassis-test";

    public ChassisTestResource() {
        super(SERVICE);
    }

    @Override
    public Map<String, String> start() {
        CrmTestEnvironment env = CrmTestEnvironment.get();
        env.postgres().ensureDatabase(SERVICE);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", env.postgres().reactiveUrl(SERVICE));
        config.put("quarkus.datasource.jdbc.url", env.postgres().jdbcUrl(SERVICE));
        config.put("quarkus.datasource.username", TestPostgres.USER);
        config.put("quarkus.datasource.password", TestPostgres.PASSWORD);
        config.put("kafka.bootstrap.servers", env.kafka().bootstrapServers());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        return config;
    }
}
