package com.keystone.crm.platform.chassis.outbox;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.RelaySlot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox relay gauges and the purge counters, as Prometheus scrapes them from /q/metrics. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxMetricsTest {
    @Inject
    OutboxMetrics metrics;

    @BeforeEach
    void empty() {
        RelaySlot.drop();
        ChassisDatabase.DB.execute("DELETE FROM outbox_event");
        ChassisDatabase.DB.execute("DELETE FROM outbox_relay_mark");
    }

    @AfterEach
    void dropSlot() {
        RelaySlot.drop();
    }

    static void outboxRows(int n, String occurredAt) {
        ChassisDatabase.DB.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, occurred_at) "
                + "SELECT gen_random_uuid(), 'widget', 'm-' || g, 'widget.tested', '{}'::jsonb, 'chassis-test', " + occurredAt
                + " FROM generate_series(1, ?) g", n);
    }

    static double scraped(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        assertThat(m.find()).as("%s in /q/metrics", name).isTrue();
        return Double.parseDouble(m.group(2));
    }

    /** The management interface's /q/metrics (Prometheus scrapes it there; the public port does not serve it). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metricsUrl;

    String scrape() {
        return given().when().get(metricsUrl).then().statusCode(200).extract().asString();
    }

    @Test
    void backlogAndLagFollowWhatTheRelayConfirmed() {
        // no slot: every row is waiting
        outboxRows(3, "now() - interval '1 hour'");
        metrics.sample();
        String scraped = scrape();
        assertThat(scraped(scraped, "crm_outbox_backlog_rows")).isEqualTo(3.0);
        assertThat(scraped(scraped, "crm_outbox_relay_slot_present")).isZero();
        assertThat(scraped(scraped, "crm_outbox_oldest_unrelayed_age_seconds")).isBetween(3590.0, 3700.0);

        // the relay streams them and confirms; two more arrive after its position
        RelaySlot.create();
        metrics.sample(); // takes the mark the relay then passes
        RelaySlot.confirmAll();
        outboxRows(2, "now() - interval '10 seconds'");
        metrics.sample();
        scraped = scrape();
        assertThat(scraped(scraped, "crm_outbox_relay_slot_present")).isEqualTo(1.0);
        assertThat(scraped(scraped, "crm_outbox_backlog_rows")).isEqualTo(2.0);
        assertThat(scraped(scraped, "crm_outbox_oldest_unrelayed_age_seconds")).isBetween(9.0, 120.0);
        assertThat(scraped(scraped, "crm_outbox_relay_lag_bytes")).isGreaterThan(0.0);

        // all confirmed: nothing waits
        metrics.sample();
        RelaySlot.confirmAll();
        metrics.sample();
        scraped = scrape();
        assertThat(scraped(scraped, "crm_outbox_backlog_rows")).isZero();
        assertThat(scraped(scraped, "crm_outbox_oldest_unrelayed_age_seconds")).isZero();
    }

    @Test
    void purgeCountsArePublishedPerTable() {
        String scraped = scrape();
        for (String table : new String[] {"outbox_event", "consumed_event", "idempotency_record"}) {
            assertThat(scraped).containsPattern("(?m)^crm_retention_purged_rows_total\\{[^}]*table=\"" + table + "\"[^}]*} [0-9.]+$");
        }
    }
}
