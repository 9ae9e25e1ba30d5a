package com.keystone.crm.platform.chassis.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on creates, in one place. A request with a key runs in one transaction that
 * <ol>
 *   <li>takes a transaction-scoped advisory lock on (tenant, caller, scope, key), without waiting: a duplicate
 *       arriving while the first is still in flight gets a 409 problem (retry later), on any replica;</li>
 *   <li>looks up the record of that key: if a live one exists (younger than {@code crm.idempotency.ttl}, counted
 *       from {@code created_at}), the same request fingerprint replays the stored answer (same status, headers,
 *       body) and another fingerprint is a 422 problem;</li>
 *   <li>otherwise runs the create and stores its 2xx answer with the key, in the create's transaction: the
 *       record exists exactly when the created resource does. A failed create records nothing, so a retry runs
 *       it again.</li>
 * </ol>
 * Without a key the create simply runs. Keys are scoped by tenant and calling user: an answer is never replayed
 * to another caller. An expired record is replaced by the next request with its key.
 */
@ApplicationScoped
public class IdempotentCreate {
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 255;

    static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))";
    static final String FIND = "SELECT request_hash, response_status, cast(response_headers as text), response_body, "
            + "created_at >= ?5 FROM idempotency_record "
            + "WHERE tenant_id = ?1 AND caller_id = ?2 AND scope = ?3 AND idem_key = ?4";
    static final String UPSERT = "INSERT INTO idempotency_record (tenant_id, caller_id, scope, idem_key, request_hash, "
            + "resource_id, response_status, response_headers, response_body, created_at) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(cast(?8 as text) as jsonb), ?9, ?10) "
            + "ON CONFLICT (tenant_id, caller_id, scope, idem_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, "
            + "resource_id = EXCLUDED.resource_id, response_status = EXCLUDED.response_status, "
            + "response_headers = EXCLUDED.response_headers, response_body = EXCLUDED.response_body, "
            + "created_at = EXCLUDED.created_at";
    /** Headers that belong to the transport or are recomputed, never replayed. */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "date", "transfer-encoding", "connection");
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final Caller caller;
    private final ObjectMapper mapper;
    private final RequestFingerprint fingerprint;
    private final CrmClock clock;
    private final Duration ttl;

    public IdempotentCreate(Caller caller, ObjectMapper mapper, RequestFingerprint fingerprint, CrmClock clock,
                            @ConfigProperty(name = "crm.idempotency.ttl") Duration ttl) {
        this.caller = caller;
        this.mapper = mapper;
        this.fingerprint = fingerprint;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Runs {@code create} once per key.
     *
     * @param scope   what is created, e.g. {@code "lead.create"}: the same key may be used for different creates
     * @param key     the request's {@code Idempotency-Key} header; null runs the create without a record
     * @param request everything that makes two requests "the same": the body and any path parameters
     * @param create  the create, answering with its Response (status, headers, entity)
     */
    public Uni<Response> create(String scope, String key, Object request, Supplier<Uni<Response>> create) {
        if (key == null) {
            return Uni.createFrom().deferred(create::get);
        }
        check(key);
        return createHashed(scope, key, fingerprint.of(request), create);
    }

    /** As {@link #create}, for a request whose fingerprint the caller computed (e.g. a hash of a streamed upload). */
    public Uni<Response> createHashed(String scope, String key, String requestHash, Supplier<Uni<Response>> create) {
        if (key == null) {
            return Uni.createFrom().deferred(create::get);
        }
        check(key);
        Scope s = new Scope(caller.tenantId(), caller.userId(), scope, key);
        return Panache.withTransaction(() -> lock(s)
                .chain(() -> find(s))
                .chain(previous -> {
                    if (previous != null && previous.live()) {
                        if (!previous.requestHash().equals(requestHash)) {
                            throw ProblemException.unprocessable("idempotency-key-reused",
                                    "This Idempotency-Key was used with a different request");
                        }
                        return Uni.createFrom().item(previous.response());
                    }
                    return Uni.createFrom().deferred(create::get).chain(response -> remember(s, requestHash, response));
                }));
    }

    /** A syntactically valid key, or a 400 problem. */
    public static void check(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private Uni<Void> lock(Scope s) {
        String lockName = String.join("\u001f", s.tenant(), s.caller(), s.scope(), s.key());
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK, Boolean.class)
                        .setParameter(1, lockName).getSingleResult())
                .map(locked -> {
                    if (!Boolean.TRUE.equals(locked)) {
                        throw ProblemException.conflict("idempotency-key-in-flight",
                                "A request with this Idempotency-Key is still being processed; retry it later");
                    }
                    return null;
                });
    }

    private Uni<Stored> find(Scope s) {
        Instant liveSince = clock.now().minus(ttl);
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND, Object[].class)
                        .setParameter(1, s.tenant()).setParameter(2, s.caller())
                        .setParameter(3, s.scope()).setParameter(4, s.key())
                        .setParameter(5, liveSince.atOffset(ZoneOffset.UTC))
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    if (row[1] == null) { // a record of the former shape (resource id only): treat as expired
                        return new Stored(((String) row[0]).trim(), 0, null, null, false);
                    }
                    return new Stored(((String) row[0]).trim(), ((Number) row[1]).intValue(), (String) row[2],
                            (String) row[3], Boolean.TRUE.equals(row[4]));
                });
    }

    private Uni<Response> remember(Scope s, String requestHash, Response response) {
        if (response.getStatus() < 200 || response.getStatus() > 299) {
            return Uni.createFrom().item(response); // only successful creates are remembered
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, List.copyOf(values));
            }
        });
        if (response.hasEntity() && !headers.containsKey(HttpHeaders.CONTENT_TYPE)) {
            MediaType type = response.getMediaType();
            headers.put(HttpHeaders.CONTENT_TYPE, List.of(type == null ? MediaType.APPLICATION_JSON : type.toString()));
        }
        String body = body(response);
        Stored stored = new Stored(requestHash, response.getStatus(), json(headers), body, true);
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, s.tenant()).setParameter(2, s.caller())
                        .setParameter(3, s.scope()).setParameter(4, s.key())
                        .setParameter(5, requestHash).setParameter(6, location)
                        .setParameter(7, response.getStatus()).setParameter(8, stored.headers())
                        .setParameter(9, body).setParameter(10, clock.now().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                // the first answer is the stored one too, so a replay is byte for byte the same
                .map(x -> stored.response());
    }

    private String body(Response response) {
        if (!response.hasEntity()) {
            return null;
        }
        Object entity = response.getEntity();
        if (entity instanceof String text) {
            return text;
        }
        return json(entity);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an idempotent create's answer must be JSON", e);
        }
    }

    private record Scope(String tenant, String caller, String scope, String key) {
    }

    /** A remembered answer. */
    private record Stored(String requestHash, int status, String headers, String body, boolean live) {
        Response response() {
            Response.ResponseBuilder builder = Response.status(status);
            if (headers != null) {
                try {
                    new ObjectMapper().readValue(headers, HEADERS)
                            .forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("unreadable idempotency record", e);
                }
            }
            if (body != null) {
                builder.entity(body);
            }
            return builder.build();
        }
    }
}
