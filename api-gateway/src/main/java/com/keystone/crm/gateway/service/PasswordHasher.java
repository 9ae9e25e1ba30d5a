package com.keystone.crm.gateway.service;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id (password4j) with OWASP's minimum parameters: 19 MiB, 2 iterations, 1 lane. Hashing is deliberately
 * slow, so it runs on a worker thread and the answer comes back on the caller's Vert.x context.
 */
@ApplicationScoped
public class PasswordHasher {
    static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Verified against when the e-mail is unknown, so a miss costs as much time as a wrong password. */
    private static final String DECOY = Password.hash("decoy-password").addRandomSalt(16).with(ARGON2ID).getResult();

    private final Vertx vertx;

    public PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult()));
    }

    /** True when the password matches; with a null hash it spends the same time and answers false. */
    public Uni<Boolean> verify(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            String against = hash == null ? DECOY : hash;
            boolean ok = Password.check(password, against).with(Argon2Function.getInstanceFromHash(against));
            return ok && hash != null;
        }));
    }
}
