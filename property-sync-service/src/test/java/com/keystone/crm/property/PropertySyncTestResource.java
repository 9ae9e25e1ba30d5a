package com.keystone.crm.property;

import com.keystone.crm.platform.testkit.CrmServiceResource;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.S3ProxyServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Real PostgreSQL, Kafka, CDC relay and s3proxy for property-sync-service; one boot shared by every test class. */
public class PropertySyncTestResource extends CrmServiceResource {
    public static final String BUCKET = "test-media";
    /** Master keys of the tests (crm.mls.secrets.keys): k1 retired, k2 active; base64 of 32 bytes each. */
    public static final String OLD_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    public static final String ACTIVE_KEY = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";

    public PropertySyncTestResource() {
        super("property-sync-service");
    }

    @Override
    protected Map<String, String> extraConfig(CrmTestEnvironment env) {
        createTopics(env.kafka().bootstrapServers());
        Map<String, String> c = new HashMap<>();
        c.put("crm.media.endpoint", env.s3().endpoint().toString());
        c.put("crm.media.access-key", S3ProxyServer.ACCESS_KEY);
        c.put("crm.media.secret-key", S3ProxyServer.SECRET_KEY);
        c.put("crm.media.bucket", BUCKET);
        // the credentials the simulator expects (MLS-SIM-API.md), under the references tests give providers
        c.put("crm.mls.credentials.sim-rets.username", "rets-user");
        c.put("crm.mls.credentials.sim-rets.password", "rets-pass");
        c.put("crm.mls.credentials.sim-reso.username", "reso-client");
        c.put("crm.mls.credentials.sim-reso.password", "reso-secret");
        c.put("crm.mls.credentials.unit.username", "unit-user");
        // mls.test: the never-contacted URL of providers that only exist for the engine and API tests (EngineHarness);
        // it resolves nowhere, and the address policy refuses hosts it cannot resolve unless they are listed
        c.put("crm.mls.allowed-private-hosts", "localhost,127.0.0.1,mls.test");
        c.put("crm.mls.secrets.keys", "k1:" + OLD_KEY + ",k2:" + ACTIVE_KEY);
        c.put("crm.mls.secrets.active-key", "k2");
        return c;
    }

    /**
     * The topics this service publishes, made before the relay's first send: the relay's idempotent producer was
     * seen stuck on OUT_OF_ORDER_SEQUENCE_NUMBER after a NOT_LEADER_OR_FOLLOWER on a topic auto-created by that send.
     */
    static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            // wait for every partition to have a leader
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                var described = admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean ready = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the service's topics", e);
        }
    }

    static final List<String> TOPICS = List.of("property.updated", "property.removed", "mls.sync-completed");
}
