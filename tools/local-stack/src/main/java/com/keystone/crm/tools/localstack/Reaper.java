package com.keystone.crm.tools.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The watchdog that makes "no process left behind" hold even when the supervisor itself dies without running its
 * shutdown hook ({@code kill -9}, OOM killer, a JVM crash). It runs as a tiny separate JVM in its own session, polls
 * the supervisor's pid once a second and, when the supervisor is gone, does what {@code run stop} does: stops every
 * process recorded under {@code .local-stack/pids/} (services, relay, Kafka, PostgreSQL). On a normal shutdown the
 * supervisor stops the reaper last, after it has stopped everything itself.
 *
 * <p>Usage (started by the supervisor): {@code java -cp local-stack.jar ...Reaper <supervisorPid> <repoRoot>}
 */
public final class Reaper {
    static final String MAIN_CLASS = Reaper.class.getName();

    private Reaper() {
    }

    public static void main(String[] args) throws InterruptedException {
        long supervisorPid = Long.parseLong(args[0]);
        StackConfig config = new StackConfig(Path.of(args[1]));
        Console console = Console.stdout();
        PidFiles pids = new PidFiles(config.pidsDir());
        Optional<ProcessHandle> supervisor = ProcessHandle.of(supervisorPid);
        while (supervisor.isPresent() && supervisor.get().isAlive()) {
            Thread.sleep(1000);
        }
        // A new `up` may already have replaced the stack: then it is not ours to clean.
        Optional<PidFile> current = pids.read(Leftovers.SUPERVISOR);
        if (current.isPresent() && current.get().pid() != supervisorPid && current.get().isRunning()) {
            return;
        }
        console.warn("supervisor (pid %d) is gone; stopping what it left running", supervisorPid);
        int stopped = new Leftovers(config, console).clean();
        pids.deleteIfPid(Leftovers.SUPERVISOR, supervisorPid);
        pids.deleteIfPid(Leftovers.REAPER, ProcessHandle.current().pid());
        console.info("reaper done: stopped %d process(es)", stopped);
    }

    /** The command line of a reaper watching this JVM. */
    static List<String> command(StackConfig config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Processes.javaBinary());
        cmd.addAll(List.of("-Xmx32m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", ownJar(config).toString(), MAIN_CLASS,
                Long.toString(ProcessHandle.current().pid()), config.root().toString()));
        return Processes.detached(cmd);
    }

    private static Path ownJar(StackConfig config) {
        try {
            Path code = Path.of(Reaper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toString().endsWith(".jar") ? code : config.localStackJar();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return config.localStackJar();
        }
    }
}
