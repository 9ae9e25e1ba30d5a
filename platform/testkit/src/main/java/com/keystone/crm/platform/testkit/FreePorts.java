package com.keystone.crm.platform.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that are bound some time after the port is chosen (a service jar, the CDC relay, a Quarkus test
 * application). They are taken below the kernel's ephemeral range: in between, every client socket on a busy machine
 * takes an ephemeral port, one of which could otherwise be the port just chosen ("Port already bound").
 */
public final class FreePorts {

    // Linux's default ephemeral range starts at 32768 (other systems' higher): 20000-31999 is never handed out
    private static final int FIRST = 20000;
    private static final int COUNT = 12000;
    // a port chosen but not bound yet is still free: without this, two picks in one JVM could return the same one
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range, and not handed out before in this JVM. */
    public static int outsideEphemeralRange() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = FIRST + random.nextInt(COUNT);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }
}
