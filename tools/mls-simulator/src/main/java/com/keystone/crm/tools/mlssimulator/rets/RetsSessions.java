package com.keystone.crm.tools.mlssimulator.rets;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Live RETS sessions by RETS-Session-ID; a session ended by the expiry fault is remembered as expired. */
final class RetsSessions {

    enum State { LIVE, EXPIRED, UNKNOWN }

    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();
    private final Map<String, Boolean> expired = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    String create() {
        if (live.size() > MAX_SESSIONS) {
            live.clear(); // a client that never logs out; forgetting old sessions is what real servers do too
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b).toUpperCase();
        live.put(id, new AtomicInteger());
        return id;
    }

    /** Counts one request in the session; past {@code expireAfter} requests (0 = never) it expires. */
    State use(String id, int expireAfter) {
        if (id == null) {
            return State.UNKNOWN;
        }
        AtomicInteger requests = live.get(id);
        if (requests == null) {
            return expired.containsKey(id) ? State.EXPIRED : State.UNKNOWN;
        }
        if (expireAfter > 0 && requests.incrementAndGet() > expireAfter) {
            live.remove(id);
            if (expired.size() > MAX_SESSIONS) {
                expired.clear();
            }
            expired.put(id, Boolean.TRUE);
            return State.EXPIRED;
        }
        return State.LIVE;
    }

    boolean end(String id) {
        return id != null && live.remove(id) != null;
    }
}
