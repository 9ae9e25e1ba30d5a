package com.keystone.crm.tools.mlssimulator.reso;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** OAuth2 bearer tokens issued by the token endpoint: opaque, expiring by time or (fault) by request count. */
public final class TokenStore {

    public enum Check { OK, MISSING, INVALID, EXPIRED }

    public record Issued(String value, long expiresInSeconds) {
    }

    private record Token(Instant expiresAt, AtomicInteger uses) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public TokenStore(Clock clock) {
        this.clock = clock;
    }

    public Issued issue(Duration ttl) {
        Instant now = clock.instant();
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> t.expiresAt.isBefore(now));
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(value, new Token(now.plus(ttl), new AtomicInteger()));
        return new Issued(value, ttl.toSeconds());
    }

    /** Checks the Authorization header; counts the use. {@code expireAfterRequests} 0 = no request limit. */
    public Check check(String authorization, int expireAfterRequests) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Check.MISSING;
        }
        Token token = tokens.get(authorization.substring(7).trim());
        if (token == null) {
            return Check.INVALID;
        }
        int uses = token.uses.incrementAndGet();
        if (clock.instant().isAfter(token.expiresAt) || (expireAfterRequests > 0 && uses > expireAfterRequests)) {
            return Check.EXPIRED;
        }
        return Check.OK;
    }
}
