package com.keystone.crm.notification.bench;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.tools.fakes.twilio.TwilioMessage;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The notification benchmark (tools/bench/notification/run.sh; named *Bench, so no test run picks it up and nothing is
 * asserted about timings): notification.requested on Kafka → SMS accepted by the Twilio fake (the real Twilio SDK),
 * through the inbox, the durable queue, attempt-before-call and the outbox, with the fake's status callbacks coming
 * back. (1) sustained throughput: {@code bench.messages} requests published at once, messages/s until every one is
 * sent, and the duplicates at the fake; (2) latency at a paced {@code bench.rate}/s for {@code bench.seconds} s:
 * publish → the provider's acceptance recorded (the attempt's finished_at), p50/p95/p99.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class NotificationBench {
    final TestProviders providers = TestProviders.get();

    @Test
    void bench() throws IOException {
        int messages = Integer.getInteger("bench.messages", 10000);
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path out = Path.of(System.getProperty("bench.out", "target/notification-bench.md"));

        // off: the fake sends no status callbacks (sent, delivered), to see their share of the cost; never a target figure
        boolean callbacks = Boolean.parseBoolean(System.getProperty("bench.callbacks", "true"));
        providers.twilioA.autoDeliver(callbacks);
        warmUp(Integer.getInteger("bench.warmup", 36000));
        Throughput throughput = throughput("bench-tp-" + UUID.randomUUID().toString().substring(0, 6), messages);
        Latency latency = latency("bench-lat-" + UUID.randomUUID().toString().substring(0, 6), rate, seconds);

        String table = String.join("\n",
                "| measure | value |",
                "|---|---|",
                String.format(Locale.ROOT, "| status callbacks from the Twilio fake | %s |", callbacks ? "on (sent, delivered)" : "**off** (diagnostic run)"),
                String.format(Locale.ROOT, "| sustained: requests | %d SMS requests published at once |", messages),
                String.format(Locale.ROOT, "| sustained: time to the last acceptance | %.1f s |", throughput.seconds()),
                String.format(Locale.ROOT, "| sustained: messages/s | **%.0f** |", messages / throughput.seconds()),
                String.format(Locale.ROOT, "| sustained: messages at the fake / duplicates / lost | %d / %d / %d |",
                        throughput.atFake(), throughput.duplicates(), throughput.lost()),
                String.format(Locale.ROOT, "| sustained: CPU of this JVM per message (service, Kafka, fakes, bench) | %.2f ms |",
                        throughput.cpuMillis() / messages),
                String.format(Locale.ROOT, "| sustained: last request taken in / last attempt started / last accepted / last delivered callback applied (s after the first publish) | %s |",
                        throughput.stages()),
                String.format(Locale.ROOT, "| paced: requests | %d at %d/s |", latency.count(), rate),
                String.format(Locale.ROOT, "| paced: request → provider acceptance p50 / p95 / p99 | %d / **%d** / %d ms |",
                        latency.p50(), latency.p95(), latency.p99()),
                String.format(Locale.ROOT, "| paced: duplicates / lost | %d / %d |", latency.duplicates(), latency.lost()),
                String.format(Locale.ROOT, "| paced: CPU of this JVM per message | %.2f ms |", latency.cpuMillis() / latency.count()),
                "");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println(table);
    }

    /**
     * Runs the path {@code n} times first: C2 went on compiling for about two minutes of traffic, and counted in the
     * figures it nearly doubled the CPU per message. Per-thread CPU showed the compiler threads at half a core until
     * about 30,000 messages had gone through, hence 36,000.
     */
    private void warmUp(int n) {
        String tenant = "bench-warm-" + UUID.randomUUID().toString().substring(0, 6);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(Requests.send(Requests.sms(tenant, UUID.randomUUID(), number(3, i), "transactional").build()));
        }
        sent.forEach(KafkaEvents::await);
        awaitSent(tenant, n);
    }

    private Throughput throughput(String tenant, int n) {
        Set<String> numbers = new HashSet<>();
        long cpuStart = processCpuNanos();
        Instant firstPublish = Instant.now();
        long start = System.nanoTime();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String to = number(1, i);
            numbers.add(to);
            sent.add(Requests.send(Requests.sms(tenant, UUID.randomUUID(), to, "transactional").build()));
        }
        sent.forEach(KafkaEvents::await);
        awaitSent(tenant, n);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
        long atFake = providers.twilioA.messages().stream().map(TwilioMessage::to).filter(numbers::contains).count()
                + providers.twilioB.messages().stream().map(TwilioMessage::to).filter(numbers::contains).count();
        long distinct = providers.twilioA.messages().stream().map(TwilioMessage::to).filter(numbers::contains).distinct().count();
        return new Throughput(elapsed, atFake, atFake - distinct, n - distinct, cpuMillis, stages(tenant, firstPublish));
    }

    private Latency latency(String tenant, int rate, int seconds) {
        int n = rate * seconds;
        Map<UUID, Instant> published = new HashMap<>();
        Set<String> numbers = new HashSet<>();
        long interval = 1_000_000_000L / rate;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            UUID id = UUID.randomUUID();
            String to = number(2, i);
            numbers.add(to);
            published.put(id, Instant.now());
            sent.add(Requests.send(Requests.sms(tenant, id, to, "transactional").build()));
        }
        sent.forEach(KafkaEvents::await);
        awaitSent(tenant, n);
        double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
        List<Long> millis = new ArrayList<>();
        for (Map<String, Object> row : Db.rows("SELECT n.request_id, a.finished_at FROM notification n JOIN delivery_attempt a "
                + "ON a.notification_id = n.id AND a.outcome = 'accepted' WHERE n.tenant_id = ?", tenant)) {
            Instant accepted = ((Timestamp) row.get("finished_at")).toInstant();
            millis.add(Duration.between(published.get((UUID) row.get("request_id")), accepted).toMillis());
        }
        millis.sort(Long::compare);
        long atFake = providers.twilioA.messages().stream().map(TwilioMessage::to).filter(numbers::contains).count();
        long distinct = providers.twilioA.messages().stream().map(TwilioMessage::to).filter(numbers::contains).distinct().count();
        return new Latency(n, pct(millis, 50), pct(millis, 95), pct(millis, 99), atFake - distinct, n - distinct, cpuMillis);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void awaitSent(String tenant, int n) {
        Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> Db.count(
                "SELECT count(*) FROM notification WHERE tenant_id = ? AND status IN ('sent', 'delivered')", tenant) >= n);
    }

    /** A distinct US number per phase and index. */
    private static String number(int phase, int i) {
        return String.format(Locale.ROOT, "+1%d12%07d", phase + 1, i);
    }

    /** Where a sustained run's time went: when the intake took the last request, the worker started and finished the last call. */
    private static String stages(String tenant, Instant firstPublish) {
        Map<String, Object> r = Db.rows("SELECT max(n.created_at) AS taken, max(a.started_at) AS started, max(a.finished_at) AS accepted "
                + "FROM notification n JOIN delivery_attempt a ON a.notification_id = n.id WHERE n.tenant_id = ?", tenant).get(0);
        // the delivered callbacks trail the acceptances: how far, when the last one was applied
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> Db.count(
                "SELECT count(*) FROM notification WHERE tenant_id = ? AND status <> 'delivered'", tenant) == 0);
        Object delivered = Db.rows("SELECT max(updated_at) AS delivered FROM notification WHERE tenant_id = ?", tenant).get(0).get("delivered");
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", since(firstPublish, r.get("taken")), since(firstPublish, r.get("started")),
                since(firstPublish, r.get("accepted")), since(firstPublish, delivered));
    }

    private static double since(Instant from, Object timestamp) {
        return Duration.between(from, ((Timestamp) timestamp).toInstant()).toMillis() / 1000.0;
    }

    /** CPU time this JVM used so far (all its threads): with other work on the machine, a steadier figure than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    record Throughput(double seconds, long atFake, long duplicates, long lost, double cpuMillis, String stages) {
    }

    record Latency(int count, long p50, long p95, long p99, long duplicates, long lost, double cpuMillis) {
    }
}
