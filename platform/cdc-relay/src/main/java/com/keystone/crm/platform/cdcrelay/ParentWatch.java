package com.keystone.crm.platform.cdcrelay;

import java.util.Optional;

/**
 * When {@code RELAY_PARENT_PID} names the process that started the relay (a test JVM, the local stack), the relay
 * exits when that process is gone, even after a {@code kill -9} of the parent, so no relay is left behind.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    static void exitWhenParentDies(EnvLookup env) {
        Optional<ProcessHandle> parent = env.get("RELAY_PARENT_PID").flatMap(ParentWatch::parse).flatMap(ProcessHandle::of);
        parent.ifPresent(p -> p.onExit().thenRun(() -> {
            System.err.println("relay: parent process " + p.pid() + " is gone, stopping");
            System.exit(0);
        }));
    }

    static Optional<Long> parse(String pid) {
        try {
            return Optional.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
