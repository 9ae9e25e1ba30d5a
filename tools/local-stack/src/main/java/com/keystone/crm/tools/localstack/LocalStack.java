package com.keystone.crm.tools.localstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole CRM on one machine without Docker: {@code java -jar tools/local-stack/target/local-stack.jar
 * [up|stop|reset|status]} (normally through {@code tools/local-stack/run}, which builds first).
 *
 * <ul>
 *   <li>{@code up}: start everything ({@link Supervisor}) and run until Ctrl-C or {@code stop}</li>
 *   <li>{@code stop}: from another terminal, stop a running stack and anything an earlier run left behind</li>
 *   <li>{@code reset}: stop, then delete {@code .local-stack/} (databases, topics, buckets, keys, logs)</li>
 *   <li>{@code status}: what runs and what its ports and health endpoints answer</li>
 * </ul>
 */
public final class LocalStack {
    private static final Duration SUPERVISOR_STOP_TIMEOUT = Duration.ofSeconds(150);

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        StackConfig config = new StackConfig(StackConfig.locateRoot());
        Console console = Console.stdout();
        int code = switch (command) {
            case "up" -> new Supervisor(config, console).up();
            case "stop" -> stop(config, console);
            case "reset" -> reset(config, console);
            case "status" -> {
                console.raw(new StatusReport(config).render());
                yield 0;
            }
            default -> {
                console.error("unknown command '%s': use up, stop, reset or status", command);
                yield 2;
            }
        };
        System.exit(code);
    }

    /** Signals the supervisor (SIGTERM: it stops its parts in order), waits for it, then stops any leftovers. */
    static int stop(StackConfig config, Console console) {
        PidFiles pids = new PidFiles(config.pidsDir());
        Optional<PidFile> supervisor = pids.read(Leftovers.SUPERVISOR).filter(PidFile::isRunning);
        if (supervisor.isPresent()) {
            ProcessHandle handle = supervisor.get().handle().orElseThrow();
            console.info("stopping the local stack (supervisor pid %d)...", handle.pid());
            handle.destroy();
            if (!Processes.awaitExit(handle, SUPERVISOR_STOP_TIMEOUT)) {
                console.warn("supervisor did not stop within %d s: killing it", SUPERVISOR_STOP_TIMEOUT.toSeconds());
                handle.destroyForcibly();
                Processes.awaitExit(handle, Duration.ofSeconds(10));
            }
        } else {
            console.info("no local stack supervisor is running");
        }
        int leftovers = new Leftovers(config, console).clean();
        pids.delete(Leftovers.SUPERVISOR);
        console.info(leftovers == 0 ? "stopped; nothing left running" : "stopped; also stopped %d leftover process(es)",
                leftovers);
        return 0;
    }

    static int reset(StackConfig config, Console console) throws IOException {
        stop(config, console);
        Path data = config.dataDir();
        if (Files.exists(data)) {
            deleteRecursively(data);
            console.info("deleted %s", data);
        }
        return 0;
    }

    static void deleteRecursively(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
