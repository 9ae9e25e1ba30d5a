package com.keystone.crm.tools.localstack;

import com.keystone.crm.platform.topics.ProvisioningReport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run up}: starts the parts in order, each once the previous one is ready (PostgreSQL, Kafka, s3proxy, the CDC
 * relay, then every built service, staggered), seeds the demo tenant, prints the banner and then watches: if any part
 * exits on its own, it stops everything and exits non-zero. Ctrl-C, SIGTERM ({@code run stop}) or a crash stop the
 * parts in reverse order through one shutdown hook; a {@link Reaper} covers the supervisor's own sudden death.
 */
public final class Supervisor {
    private static final Duration POSTGRES_READY = Duration.ofSeconds(60);
    private static final Duration KAFKA_READY = Duration.ofSeconds(90);
    private static final Duration S3_READY = Duration.ofSeconds(20);
    private static final Duration RELAY_READY = Duration.ofSeconds(60);
    private static final Duration SERVICE_READY = Duration.ofSeconds(60);
    private static final Duration MLS_SIMULATOR_READY = Duration.ofSeconds(30);
    private static final Duration PROVIDER_FAKES_READY = Duration.ofSeconds(60);

    private final StackConfig config;
    private final Console console;
    private final PidFiles pids;
    private final long startNanos = System.nanoTime();
    private final Object lock = new Object();
    private final List<Component> started = new ArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private boolean stopping;
    private Process reaper;

    public Supervisor(StackConfig config, Console console) {
        this.config = config;
        this.console = console;
        this.pids = new PidFiles(config.pidsDir());
    }

    /** Signals that the stack is stopping while a part was being started. */
    static final class Aborted extends Exception {
        Aborted() {
            super("stopping");
        }
    }

    /** Runs the stack; returns only on a failed start (the exit code), otherwise the JVM exits through the hook. */
    public int up() throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Optional<PidFile> running = pids.read(Leftovers.SUPERVISOR).filter(PidFile::isRunning);
        if (running.isPresent() && running.get().pid() != self) {
            console.error("a local stack is already running (supervisor pid %d): `tools/local-stack/run stop` first",
                    running.get().pid());
            return 1;
        }
        try {
            Files.createDirectories(config.logsDir());
            Files.createDirectories(config.pidsDir());
        } catch (IOException e) {
            console.error("cannot create %s: %s", config.dataDir(), e.getMessage());
            return 1;
        }
        new Leftovers(config, console).clean();
        pids.write(Leftovers.SUPERVISOR, ProcessHandle.current(), "local-stack");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-stop"));
        startReaper();
        console.info("starting the local stack from %s (data in %s)", config.root(), config.display(config.dataDir()));
        try {
            start();
        } catch (Aborted e) {
            return 1;
        } catch (Exception e) {
            if (!isStopping() && failing.compareAndSet(false, true)) {
                console.error("startup failed: %s", describe(e));
            }
            return 1;
        }
        new CountDownLatch(1).await(); // until Ctrl-C / run stop / a crash ends the JVM
        return 0;
    }

    private void start() throws Exception {
        RsaKeys keys = RsaKeys.loadOrCreate(config.keysDir());
        DemoSeeder seeder = new DemoSeeder(config, console);
        Map<DemoUser, String> tokens = seeder.writeTokens(keys, Instant.now());

        CdcRelayNode relay = new CdcRelayNode(config, pids, console);
        MlsSimulatorNode mlsSimulator = new MlsSimulatorNode(config, pids, console);
        ProviderFakesNode providerFakes = new ProviderFakesNode(config, pids, console);
        List<QuarkusServiceNode> services = ServiceSpec.ALL.stream()
                .map(s -> new QuarkusServiceNode(config, s, pids, console)).toList();
        requireFreePorts(relay, mlsSimulator, providerFakes, services);

        launch(new PostgresNode(config, pids, console), POSTGRES_READY);
        KafkaNode kafka = launch(new KafkaNode(config, pids, console), KAFKA_READY);
        ProvisioningReport topics = kafka.provisionTopics();
        console.info("Kafka topics from the catalogue: %d created, %d altered, %d unchanged", topics.created().size(),
                topics.altered().size(), topics.unchanged().size());
        topics.altered().forEach((topic, changes) -> console.info("  topic %s: %s", topic, String.join(", ", changes)));
        topics.drift().forEach(drift -> console.warn("topic drift (not fixed): %s", drift));
        console.info("Kafka ready on %s", StackConfig.KAFKA_BOOTSTRAP);
        launch(new S3Node(config, console), S3_READY);

        // the relay, the fake MLS (up before property-sync-service, so its first sync finds it) and the provider fakes
        // (the message sink) do not depend on each other: started together, then awaited
        Banner.RelayState relayState = Banner.RelayState.NOT_BUILT;
        boolean mlsRunning = mlsSimulator.isBuilt();
        if (relay.isBuilt()) {
            startWatched(relay);
        } else {
            console.warn("CDC relay not built (%s is missing): continuing without it; outbox events will not reach Kafka",
                    config.display(config.relayJar()));
        }
        if (mlsRunning) {
            startWatched(mlsSimulator);
        } else {
            console.warn("MLS simulator not built (%s is missing): property-sync-service gets no demo providers",
                    config.display(config.mlsSimulatorJar()));
        }
        if (providerFakes.isBuilt()) {
            startWatched(providerFakes);
        } else {
            console.warn("provider fakes not built (%s is missing): notification-service has no providers to send through",
                    config.display(config.providerFakesJar()));
        }
        if (relay.isBuilt()) {
            relay.awaitReady(RELAY_READY);
            console.info("CDC relay live on %s", config.relayUrl("/health/live"));
            relayState = Banner.RelayState.STARTING_CONNECTORS;
        }
        if (mlsRunning) {
            mlsSimulator.awaitReady(MLS_SIMULATOR_READY);
            console.info("MLS simulator ready on %s", DemoMls.baseUrl(mlsSimulator.port()));
        }
        if (providerFakes.isBuilt()) {
            providerFakes.awaitReady(PROVIDER_FAKES_READY);
            console.info("provider fakes ready: message sink on %s", ProviderFakesNode.sinkUrl());
        }

        List<Banner.ServiceLine> lines = new ArrayList<>();
        List<String> started = new ArrayList<>();
        List<QuarkusServiceNode> toStart = new ArrayList<>();
        for (QuarkusServiceNode service : services) {
            ServiceSpec spec = service.spec();
            if (!Files.isDirectory(config.serviceDir(spec))) {
                console.info("%s: no module yet, skipped", spec.name());
                lines.add(new Banner.ServiceLine(spec, Banner.ServiceState.NO_MODULE, false));
            } else if (!service.isBuilt()) {
                console.warn("%s: not built (%s is missing), skipped", spec.name(), config.display(config.serviceJar(spec)));
                lines.add(new Banner.ServiceLine(spec, Banner.ServiceState.NOT_BUILT, false));
            } else {
                toStart.add(service);
                started.add(spec.name());
                lines.add(new Banner.ServiceLine(spec, Banner.ServiceState.RUNNING, false));
            }
        }
        for (List<QuarkusServiceNode> wave : ServiceWaves.of(toStart, ServiceWaves.parallelism())) {
            launchServices(wave);
        }

        boolean viaGateway = started.contains("api-gateway");
        if (viaGateway) {
            // the gateway is the source of users: it created the demo admin, and user.created leaves its outbox
            tokens = seeder.writeTokens(new GatewaySeeder(ServiceSpec.named("api-gateway").orElseThrow().baseUrl()).seed());
            console.info("seeded the demo tenant through the api-gateway (%s, %s)", DemoUser.ADMIN.email(), DemoUser.AGENT.email());
        } else {
            seeder.publishUsers(started.contains("lead-service") ? List.of("lead-service") : List.of());
        }

        Banner.Mls mls = null;
        if (mlsRunning && started.contains(QuarkusServiceNode.PROPERTY_SYNC)) {
            mls = seedMlsProviders(tokens.get(DemoUser.ADMIN), viaGateway, mlsSimulator.port());
        }

        Banner.Automation automation = null;
        if (viaGateway && started.contains("workflow-service") && started.contains(QuarkusServiceNode.NOTIFICATION)) {
            automation = seedAutomation(tokens.get(DemoUser.ADMIN));
        }

        for (int i = 0; i < lines.size(); i++) {
            Banner.ServiceLine l = lines.get(i);
            if (l.state() == Banner.ServiceState.RUNNING) {
                int swagger = Waits.httpStatus(l.spec().baseUrl() + "/q/swagger-ui/");
                lines.set(i, new Banner.ServiceLine(l.spec(), l.state(), swagger >= 200 && swagger < 400));
            }
        }
        if (relayState == Banner.RelayState.STARTING_CONNECTORS && Waits.httpStatus(config.relayUrl("/health")) == 200) {
            relayState = Banner.RelayState.STREAMING;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        console.raw(new Banner(config, lines, relayState, tokens, seconds, viaGateway).withMls(mls)
                .withProviderFakes(providerFakes.isBuilt()).withAutomation(automation).render());
    }

    /** The demo tenant's message templates and its three running workflows; a failure is shown, not fatal. */
    private Banner.Automation seedAutomation(String adminToken) {
        String gateway = ServiceSpec.named("api-gateway").orElseThrow().baseUrl();
        try {
            AutomationSeeder.Seeded seeded = new AutomationSeeder(gateway).seed(adminToken);
            if (!seeded.templatesCreated().isEmpty()) {
                console.info("message templates created: %s", String.join(", ", seeded.templatesCreated()));
            }
            seeded.workflows().forEach(w -> console.info("workflow %s (%s): %s", w.name(), w.id(), w.status()));
            if (seeded.routingError() != null) {
                console.warn("no routing rule for the demo agent: %s", seeded.routingError());
            }
            return new Banner.Automation(seeded.workflows(), null, seeded.routedTo(), seeded.routingError());
        } catch (IOException e) {
            console.warn("could not seed the demo workflows: %s", e.getMessage());
            return new Banner.Automation(List.of(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Banner.Automation(List.of(), "interrupted");
        }
    }

    /** The demo tenant's RESO and RETS providers and their first syncs; a failure is shown, not fatal. */
    private Banner.Mls seedMlsProviders(String adminToken, boolean viaGateway, int simulatorPort) {
        String base = ServiceSpec.named(viaGateway ? "api-gateway" : QuarkusServiceNode.PROPERTY_SYNC).orElseThrow().baseUrl();
        try {
            List<MlsProviderSeeder.Seeded> seeded = new MlsProviderSeeder(base).seed(adminToken, DemoMls.providers(simulatorPort));
            seeded.forEach(p -> console.info("MLS provider %s (%s): %s", p.name(), p.id(),
                    p.syncRunId() == null ? "a sync is already queued or running" : "sync run " + p.syncRunId() + " requested"));
            return new Banner.Mls(simulatorPort, seeded, null);
        } catch (IOException e) {
            console.warn("could not create the demo MLS providers: %s", e.getMessage());
            return new Banner.Mls(simulatorPort, List.of(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Banner.Mls(simulatorPort, List.of(), "interrupted");
        }
    }

    /** Starts the services of one wave together, then waits until each is ready. */
    private void launchServices(List<QuarkusServiceNode> wave) throws Exception {
        for (QuarkusServiceNode service : wave) {
            startWatched(service);
        }
        for (QuarkusServiceNode service : wave) {
            awaitService(service);
        }
    }

    private void awaitService(QuarkusServiceNode service) throws Exception {
        try {
            service.awaitReady(SERVICE_READY);
            console.info("%s ready on %s", service.name(), service.spec().baseUrl());
        } catch (Waits.NotReady e) {
            if (isStopping() || failing.get()) {
                throw new Aborted();
            }
            if (service.exited().map(f -> f.isDone()).orElse(true)) {
                throw e;
            }
            console.warn("%s not ready after %d s; starting the next part anyway (see %s)", service.name(),
                    SERVICE_READY.toSeconds(), config.display(config.logFile(service.name())));
        }
    }

    /** Starts a part under the lock (so a concurrent stop never misses it), watches it, then waits until ready. */
    private <C extends Component> C launch(C component, Duration readyTimeout) throws Exception {
        startWatched(component);
        component.awaitReady(readyTimeout);
        return component;
    }

    private void startWatched(Component component) throws Exception {
        synchronized (lock) {
            if (stopping) {
                throw new Aborted();
            }
            started.add(component);
            component.start();
        }
        component.exited().ifPresent(f -> f.whenComplete((result, error) -> exitedOnItsOwn(component, result)));
    }

    /** A part ended while the stack was meant to run: report it, then stop everything and exit non-zero. */
    private void exitedOnItsOwn(Component component, Object result) {
        if (isStopping() || !failing.compareAndSet(false, true)) {
            return;
        }
        String code = result instanceof Process p ? " with exit code " + p.exitValue() : "";
        console.error("%s exited unexpectedly%s: stopping everything", component.name(), code);
        component.logFile().ifPresent(log -> {
            List<String> tail = Processes.tail(log, 15);
            if (!tail.isEmpty()) {
                console.raw("---- last lines of " + config.display(log) + "\n" + String.join("\n", tail) + "\n----\n");
            }
        });
        Thread exit = new Thread(() -> System.exit(1), "local-stack-crash-exit");
        exit.start();
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Stops every started part in reverse order, then the reaper. Runs in the shutdown hook; idempotent. */
    void stopAll() {
        List<Component> toStop;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(started);
        }
        long t = System.nanoTime();
        Collections.reverse(toStop);
        if (!toStop.isEmpty()) {
            console.info("stopping %d part(s)...", toStop.size());
        }
        for (Component c : toStop) {
            try {
                c.stop();
                console.info("stopped %s", c.name());
            } catch (RuntimeException e) {
                console.warn("stopping %s failed: %s", c.name(), e.getMessage());
            }
        }
        stopReaper();
        pids.deleteIfPid(Leftovers.SUPERVISOR, ProcessHandle.current().pid());
        console.info("local stack stopped in %.1f s", (System.nanoTime() - t) / 1e9);
    }

    private void startReaper() {
        List<String> cmd = Reaper.command(config);
        if (cmd.stream().noneMatch(a -> a.endsWith(".jar"))) {
            console.warn("no local-stack.jar to run the reaper from: children will not be stopped if this JVM is killed");
            return;
        }
        try {
            reaper = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile(Leftovers.REAPER).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            pids.write(Leftovers.REAPER, reaper.toHandle(), Reaper.MAIN_CLASS);
        } catch (IOException e) {
            console.warn("could not start the reaper: %s", e.getMessage());
        }
    }

    private void stopReaper() {
        if (reaper != null) {
            Processes.terminate(reaper.toHandle(), Duration.ofSeconds(5));
            pids.deleteIfPid(Leftovers.REAPER, reaper.pid());
        }
    }

    private void requireFreePorts(CdcRelayNode relay, MlsSimulatorNode mlsSimulator, ProviderFakesNode providerFakes,
            List<QuarkusServiceNode> services) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(StackConfig.POSTGRES_PORT, "PostgreSQL");
        ports.put(StackConfig.KAFKA_PORT, "Kafka");
        ports.put(StackConfig.KAFKA_CONTROLLER_PORT, "Kafka controller");
        ports.put(StackConfig.S3_PORT, "s3proxy");
        if (relay.isBuilt()) {
            ports.put(StackConfig.RELAY_PORT, "CDC relay");
        }
        if (mlsSimulator.isBuilt()) {
            ports.put(mlsSimulator.port(), "MLS simulator");
        }
        if (providerFakes.isBuilt()) {
            ports.putAll(ProviderFakesNode.ports());
        }
        services.stream().filter(QuarkusServiceNode::isBuilt).forEach(s -> ports.put(s.spec().port(), s.name()));
        List<String> busy = new ArrayList<>();
        ports.forEach((port, what) -> {
            if (Waits.portOpen(port)) {
                busy.add(port + " (" + what + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("port(s) already in use by another program: " + String.join(", ", busy)
                    + ". Stop it, or `tools/local-stack/run stop` if it is an earlier stack.");
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append(" <- ").append(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }
}
