package com.keystone.crm.tools.localstack;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeederTest {
    private static final Instant AT = Instant.parse("2030-05-06T07:08:09.123Z");

    @Test
    void userCreatedRecordIsKeyedByUserWithJsonPayload() {
        ProducerRecord<String, String> r = DemoSeeder.userCreatedRecord(DemoUser.AGENT, AT);

        assertThat(r.topic()).isEqualTo("user.created");
        assertThat(r.key()).isEqualTo("demo-agent-1");
        assertThat(r.value()).isEqualTo("{\"userId\":\"demo-agent-1\",\"tenantId\":\"demo-brokerage\",\"teamId\":\"demo-team\","
                + "\"email\":\"demo.agent@demo-brokerage.test\",\"displayName\":\"Demo Agent\",\"roles\":[\"agent\"],"
                + "\"active\":true,\"version\":1,\"occurredAt\":\"2030-05-06T07:08:09.123Z\"}");
    }

    @Test
    void userCreatedRecordCarriesCloudEventsBinaryHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : DemoSeeder.userCreatedRecord(DemoUser.ADMIN, AT).headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }

        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", DemoUser.ADMIN.userCreatedEventId().toString())
                .containsEntry("ce_source", "/local-stack")
                .containsEntry("ce_type", "user.created")
                .containsEntry("ce_time", "2030-05-06T07:08:09.123Z")
                .containsEntry("ce_subject", "demo-admin-1")
                .containsEntry("content-type", "application/json")
                .containsEntry("ce_tenant", "demo-brokerage");
    }

    @Test
    void eventIdIsDeterministicPerUserSoReseedingIsIdempotent() {
        UUID agent = DemoUser.AGENT.userCreatedEventId();

        assertThat(DemoUser.AGENT.userCreatedEventId()).isEqualTo(agent);
        assertThat(agent).isEqualTo(UUID.nameUUIDFromBytes("user.created:demo-agent-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(DemoUser.ADMIN.userCreatedEventId()).isNotEqualTo(agent);
        assertThat(agent.version()).isEqualTo(3);
    }

    @Test
    void tokensFileHasOneSourceableLinePerDemoUser(@TempDir Path root) throws Exception {
        StackConfig config = new StackConfig(root);
        RsaKeys keys = RsaKeys.loadOrCreate(config.keysDir());
        DemoSeeder seeder = new DemoSeeder(config, new Console(new PrintStream(new ByteArrayOutputStream())));

        Map<DemoUser, String> tokens = seeder.writeTokens(keys, Instant.now());

        String env = Files.readString(config.demoTokensFile());
        assertThat(env).contains("DEMO_AGENT_TOKEN=" + tokens.get(DemoUser.AGENT) + "\n")
                .contains("DEMO_ADMIN_TOKEN=" + tokens.get(DemoUser.ADMIN) + "\n");
        assertThat(env.lines().filter(l -> !l.startsWith("#"))).hasSize(2)
                .allMatch(l -> l.matches("DEMO_(AGENT|ADMIN)_TOKEN=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    }
}
