package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.RoutingFixtures;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Group rotation through the API: the weighted share over 12 leads, and turns under concurrent creates. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class AgentGroupRoutingTest {

    @Test
    void weightedRoundRobinGivesEachMemberItsShareInterleaved() {
        String tenant = "routing-realty-3";
        RoutingFixtures f = new RoutingFixtures(tenant, "rt3-admin");
        TestDirectory.ensureUser(tenant, "rt3-ann", "rt3-team", "agent");
        TestDirectory.ensureUser(tenant, "rt3-bob", "rt3-team", "agent");
        String group = f.group("Weighted", "weighted-round-robin", "rt3-ann:1", "rt3-bob:2");
        f.pointCatchAll("\"groupId\":\"" + group + "\"");

        List<String> sequence = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 12; i++) {
            last = f.lead("Weighted" + i, "website", null);
            sequence.add(f.assignee(last));
        }
        // smooth weighted round robin: B A B repeated, never A twice in a row
        assertThat(sequence).containsExactly(
                "rt3-bob", "rt3-ann", "rt3-bob", "rt3-bob", "rt3-ann", "rt3-bob",
                "rt3-bob", "rt3-ann", "rt3-bob", "rt3-bob", "rt3-ann", "rt3-bob");
        String lastLead = last;
        CapturedEvent e = KafkaEvents.awaitEvent("lead.assigned", r -> lastLead.equals(r.key()));
        KafkaEvents.assertCloudEvent(e, "lead.assigned", "/lead-service");
        KafkaEvents.assertSchemaValid(e);
        assertThat(e.value().path("method").asText()).isEqualTo("weighted-round-robin");
        assertThat(e.value().path("reason").asText()).contains("weighted round robin (rt3-ann=1, rt3-bob=2) → rt3-bob");
    }

    @Test
    void leadsRoutedAtTheSameTimeTakeTurns() throws Exception {
        String tenant = "routing-realty-4";
        RoutingFixtures f = new RoutingFixtures(tenant, "rt4-admin");
        TestDirectory.ensureUser(tenant, "rt4-ann", "rt4-team", "agent");
        TestDirectory.ensureUser(tenant, "rt4-bob", "rt4-team", "agent");
        String group = f.group("Concurrent", "round-robin", "rt4-ann", "rt4-bob");
        f.pointCatchAll("\"groupId\":\"" + group + "\"");

        int leads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(leads);
        try {
            List<CompletableFuture<String>> created = IntStream.range(0, leads)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> f.lead("Concurrent" + i, "website", null), pool))
                    .toList();
            CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND assigned_agent_id = 'rt4-ann'", tenant))
                .isEqualTo(leads / 2);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND assigned_agent_id = 'rt4-bob'", tenant))
                .isEqualTo(leads / 2);
        // in the order the group lock handed out turns, the agents alternate
        assertThat(TestDirectory.DB.count("""
                SELECT count(*) FROM (
                  SELECT agent_id, lag(agent_id) OVER (ORDER BY decided_at, id) AS previous
                  FROM assignment_decision WHERE tenant_id = ?) t
                WHERE agent_id = previous""", tenant)).isZero();
    }
}
