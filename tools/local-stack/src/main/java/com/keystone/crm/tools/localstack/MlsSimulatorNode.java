package com.keystone.crm.tools.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The fake MLS ({@code tools/mls-simulator}) as a child process: RETS 1.7.2 and the RESO Web API on one port, with the
 * {@link DemoMls} feed and credentials. Ready once {@code /rets/login} answers the Digest challenge (401).
 */
public final class MlsSimulatorNode implements Component {
    public static final String NAME = "mls-simulator";
    static final String MAIN_CLASS = "com.keystone.crm.tools.mlssimulator.MlsSimulatorMain";

    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;
    private final List<String> launcher;
    private final String marker;
    private final int port;
    private ChildProcess process;

    /** The simulator from its built jar on {@link StackConfig#MLS_SIMULATOR_PORT}. */
    public MlsSimulatorNode(StackConfig config, PidFiles pids, Console console) {
        this(config, pids, console, List.of(Processes.javaBinary(), "-Xmx192m", "-XX:+UseSerialGC", "-jar",
                config.mlsSimulatorJar().toString()), config.mlsSimulatorJar().toString(), StackConfig.MLS_SIMULATOR_PORT);
    }

    /** launcher: the command up to the simulator's flags; marker: what its command line must contain to be ours. */
    MlsSimulatorNode(StackConfig config, PidFiles pids, Console console, List<String> launcher, String marker, int port) {
        this.config = config;
        this.pids = pids;
        this.console = console;
        this.launcher = List.copyOf(launcher);
        this.marker = marker;
        this.port = port;
    }

    @Override
    public String name() {
        return NAME;
    }

    public boolean isBuilt() {
        return Files.isRegularFile(config.mlsSimulatorJar());
    }

    public int port() {
        return port;
    }

    List<String> command() {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(DemoMls.simulatorArguments(port));
        return cmd;
    }

    @Override
    public void start() throws Exception {
        process = new ChildProcess(name(), command(), java.util.Map.of(), config.root(), config.logFile(name()), marker,
                pids, Duration.ofSeconds(10));
        process.start();
        console.info("MLS simulator starting on port %d (pid %d; %d listings, %d photos each, changes every %s)", port,
                process.pid(), DemoMls.LISTINGS, DemoMls.PHOTOS_PER_LISTING, DemoMls.MUTATE_EVERY);
    }

    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        Waits.awaitHttp("MLS simulator", DemoMls.retsLoginUrl(port), s -> s == 401, timeout, process::isAlive);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public Optional<CompletableFuture<?>> exited() {
        return process == null ? Optional.empty() : process.exited();
    }

    @Override
    public Optional<Path> logFile() {
        return Optional.of(config.logFile(name()));
    }
}
