package com.keystone.crm.tools.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The demo tenant: mints an access token per {@link DemoUser} into {@code .local-stack/demo-tokens.env} and publishes
 * their {@code user.created} events (what the api-gateway will do), so lead-service knows the tenant and its agents.
 */
public final class DemoSeeder {
    public static final String USER_CREATED = "user.created";

    private final StackConfig config;
    private final Console console;

    public DemoSeeder(StackConfig config, Console console) {
        this.config = config;
        this.console = console;
    }

    /** Mints a fresh token per demo user (12 h) and writes them as {@code DEMO_AGENT_TOKEN=...} lines. */
    public Map<DemoUser, String> writeTokens(RsaKeys keys, Instant now) throws IOException {
        JwtMinter minter = new JwtMinter(keys.privateKey(), StackConfig.JWT_KEY_ID);
        Map<DemoUser, String> tokens = new LinkedHashMap<>();
        for (DemoUser user : DemoUser.ALL) {
            tokens.put(user, minter.mint(user.claims(now)));
        }
        return writeTokens(tokens);
    }

    /** Writes tokens obtained elsewhere (from the api-gateway's /auth/login). */
    public Map<DemoUser, String> writeTokens(Map<DemoUser, String> tokens) throws IOException {
        Path file = config.demoTokensFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, tokensEnv(tokens), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
        return tokens;
    }

    static String tokensEnv(Map<DemoUser, String> tokens) {
        StringBuilder sb = new StringBuilder("# demo access tokens (12 h), minted by tools/local-stack; `set -a; . <this file>; set +a`\n");
        tokens.forEach((user, token) -> sb.append(envName(user)).append('=').append(token).append('\n'));
        return sb.toString();
    }

    static String envName(DemoUser user) {
        return user == DemoUser.ADMIN ? "DEMO_ADMIN_TOKEN" : "DEMO_AGENT_TOKEN";
    }

    /** Builds the {@code user.created} record of a demo user. */
    static ProducerRecord<String, String> userCreatedRecord(DemoUser user, Instant occurredAt) {
        ProducerRecord<String, String> record = new ProducerRecord<>(USER_CREATED, user.userId(),
                Json.write(user.userCreated(occurredAt)));
        user.userCreatedHeaders(occurredAt).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /**
     * Waits briefly for a consumer group (a service that consumes {@code user.created}) to have joined, so that even a
     * consumer starting at the latest offset sees the events; then publishes them.
     */
    public void publishUsers(List<String> consumerGroups) throws Exception {
        if (!consumerGroups.isEmpty()) {
            awaitGroups(consumerGroups, Duration.ofSeconds(10));
        }
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackConfig.KAFKA_BOOTSTRAP);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "local-stack-seeder");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (DemoUser user : DemoUser.ALL) {
                producer.send(userCreatedRecord(user, now)).get(30, TimeUnit.SECONDS);
            }
        }
        console.info("published %s for %s (tenant %s)", USER_CREATED,
                String.join(", ", DemoUser.ALL.stream().map(DemoUser::userId).toList()), DemoUser.TENANT);
    }

    /**
     * Waits until every group is STABLE. A group the broker has never seen after a few seconds is taken to mean the
     * service does not consume with that group id, and is not waited for any longer.
     */
    private void awaitGroups(List<String> groups, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long unseenLimit = start + Duration.ofSeconds(4).toNanos();
        boolean seen = false;
        try (Admin admin = KafkaNode.admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    Map<String, ConsumerGroupDescription> d = admin.describeConsumerGroups(groups).all().get(5, TimeUnit.SECONDS);
                    if (d.values().stream().allMatch(g -> g.groupState() == GroupState.STABLE)) {
                        return;
                    }
                    seen |= d.values().stream().anyMatch(g -> g.groupState() != GroupState.DEAD && g.groupState() != GroupState.UNKNOWN);
                } catch (Exception e) {
                    // not there yet
                }
                if (!seen && System.nanoTime() > unseenLimit) {
                    return;
                }
                Waits.sleep(Duration.ofMillis(300));
            }
            console.warn("consumer group(s) %s not stable after %d s; publishing anyway", groups, timeout.toSeconds());
        }
    }
}
