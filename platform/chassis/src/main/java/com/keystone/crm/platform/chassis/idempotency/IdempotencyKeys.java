package com.keystone.crm.platform.chassis.idempotency;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on creates: the first request with a key records the resource it created in the same
 * transaction; a retry with the same key and body gets that resource back, the same key with another body is a
 * 422, and two concurrent first attempts collide on the primary key (409 for the loser).
 */
@ApplicationScoped
public class IdempotencyKeys {
    static final String FIND = "SELECT request_hash, resource_id FROM idempotency_record "
            + "WHERE tenant_id = ?1 AND scope = ?2 AND idem_key = ?3";
    static final String INSERT = "INSERT INTO idempotency_record (tenant_id, scope, idem_key, request_hash, resource_id) "
            + "VALUES (?1, ?2, ?3, ?4, ?5)";
    public static final int MAX_KEY_LENGTH = 255;

    /**
     * The resource created earlier under this key, if any; a different body under the same key is refused.
     * A request without a key (null) has no previous resource.
     */
    public Uni<Optional<String>> previous(String tenantId, String scope, String key, String requestHash) {
        if (key == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        check(key);
        return Panache.getSession().chain(s -> s.createNativeQuery(FIND, Object[].class)
                        .setParameter(1, tenantId).setParameter(2, scope).setParameter(3, key)
                        .getResultList())
                .map((List<Object[]> rows) -> {
                    if (rows.isEmpty()) {
                        return Optional.<String>empty();
                    }
                    Object[] row = rows.get(0);
                    if (!requestHash.equals(row[0])) {
                        throw ProblemException.unprocessable("idempotency-key-reused",
                                "This Idempotency-Key was used with a different request body");
                    }
                    return Optional.of((String) row[1]);
                });
    }

    /** Records the resource made under the key; nothing to record for a request without a key (null). */
    public Uni<Void> remember(String tenantId, String scope, String key, String requestHash, String resourceId) {
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                        .setParameter(1, tenantId).setParameter(2, scope).setParameter(3, key)
                        .setParameter(4, requestHash).setParameter(5, resourceId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** SHA-256 of the request as the service canonicalises it. */
    public static String hash(String canonicalRequest) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
