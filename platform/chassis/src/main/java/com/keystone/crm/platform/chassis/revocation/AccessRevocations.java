package com.keystone.crm.platform.chassis.revocation;

import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens this service must refuse although they have not expired (auth.access-revoked, issue #10).
 *
 * <p>Why a table and a memory: the revocations are consumed through the service's consumer group, so each replica
 * receives only its partitions' share; the table {@code revoked_access} (platform migration {@code V0_4}) is what
 * every replica shares and what survives a restart. Each replica checks tokens against its memory only (no query per
 * request) and reloads the unexpired rows every {@code crm.revocation.refresh-every} (2 s) and once at start; the
 * replica that consumed an event knows it at once. Nothing is ever removed from memory but what has expired:
 * revocations are never undone, so adding is always safe. Rows are deleted once past {@code expires_at}.
 */
@ApplicationScoped
public class AccessRevocations {
    private static final Logger LOG = Logger.getLogger(AccessRevocations.class);
    static final String INSERT = "INSERT INTO revoked_access (revocation_id, tenant_id, user_id, jti, session_id, reason, "
            + "revoked_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";
    static final String LOAD = "SELECT tenant_id, user_id, jti, session_id, revoked_at, expires_at FROM revoked_access "
            + "WHERE expires_at > now()";
    static final String PURGE = "DELETE FROM revoked_access WHERE expires_at < now() - interval '1 minute'";

    /** A user-wide cut: tokens issued at or before {@code revokedAt} are refused until {@code expiresAt}. */
    record UserCut(Instant revokedAt, Instant expiresAt) {
        UserCut merge(UserCut other) {
            return new UserCut(revokedAt.isAfter(other.revokedAt) ? revokedAt : other.revokedAt,
                    expiresAt.isAfter(other.expiresAt) ? expiresAt : other.expiresAt);
        }
    }

    private final DataSource db;
    private final boolean enabled;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, UserCut> users = new ConcurrentHashMap<>();

    public AccessRevocations(DataSource db, @ConfigProperty(name = "crm.revocation.enabled", defaultValue = "true") boolean enabled) {
        this.db = db;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        reload();
    }

    /**
     * Why a verified token is refused, or null. Token times are wall-clock epoch seconds ({@code issuedAt} may be null:
     * then a user-wide revocation covers it).
     */
    public String refusal(String tenant, String subject, String jti, String sessionId, Long issuedAt) {
        if (!enabled || tenant == null || subject == null) {
            return null;
        }
        Instant now = Instant.now();
        if (jti != null && live(tokens.get(key(tenant, subject, jti)), now)) {
            return "the token was revoked";
        }
        if (sessionId != null && live(sessions.get(key(tenant, subject, sessionId)), now)) {
            return "the token's session was revoked";
        }
        UserCut cut = users.get(key(tenant, subject, ""));
        if (cut != null && cut.expiresAt.isAfter(now)
                && (issuedAt == null || !Instant.ofEpochSecond(issuedAt).isAfter(cut.revokedAt))) {
            return "the user's tokens were revoked";
        }
        return null;
    }

    /** Stores a consumed revocation in the caller's transaction (Hibernate Reactive session) and knows it at once. */
    public Uni<Void> record(AuthAccessRevoked r) {
        remember(r.getTenantId(), r.getUserId(), r.getJti(), r.getSessionId(), r.getOccurredAt(), r.getExpiresAt());
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                        .setParameter(1, r.getRevocationId())
                        .setParameter(2, r.getTenantId())
                        .setParameter(3, r.getUserId())
                        .setParameter(4, r.getJti())
                        .setParameter(5, r.getSessionId())
                        .setParameter(6, r.getReason().value())
                        .setParameter(7, OffsetDateTime.ofInstant(r.getOccurredAt(), java.time.ZoneOffset.UTC))
                        .setParameter(8, OffsetDateTime.ofInstant(r.getExpiresAt(), java.time.ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Adds what the table holds (other replicas' consumption, earlier runs); forgets what has expired. */
    @Scheduled(identity = "crm-revocation-reload", every = "${crm.revocation.refresh-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        if (!enabled) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(LOAD); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                remember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)));
            }
        } catch (SQLException e) {
            LOG.warnf("revocations not reloaded (the memory keeps what it has): %s", e.getMessage());
        }
        Instant now = Instant.now();
        tokens.values().removeIf(exp -> !exp.isAfter(now));
        sessions.values().removeIf(exp -> !exp.isAfter(now));
        users.values().removeIf(cut -> !cut.expiresAt.isAfter(now));
    }

    @Scheduled(identity = "crm-revocation-purge", every = "${crm.revocation.purge-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        if (!enabled) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(PURGE)) {
            int rows = st.executeUpdate();
            if (rows > 0) {
                LOG.debugf("purged %d expired revocations", rows);
            }
        } catch (SQLException e) {
            LOG.warnf("expired revocations not purged: %s", e.getMessage());
        }
    }

    /** How many revocations are held in memory (tests, diagnostics). */
    public int size() {
        return tokens.size() + sessions.size() + users.size();
    }

    private void remember(String tenant, String user, String jti, String sessionId, Instant revokedAt, Instant expiresAt) {
        if (jti != null) {
            tokens.merge(key(tenant, user, jti), expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        }
        if (sessionId != null) {
            sessions.merge(key(tenant, user, sessionId), expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        }
        if (jti == null && sessionId == null) {
            users.merge(key(tenant, user, ""), new UserCut(revokedAt, expiresAt), UserCut::merge);
        }
    }

    private static boolean live(Instant expiresAt, Instant now) {
        return expiresAt != null && expiresAt.isAfter(now);
    }

    /** Scoped by tenant and user: a revocation names the user whose token it is, never anyone else's. */
    private static String key(String tenant, String user, String id) {
        return tenant + '\n' + user + '\n' + id;
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
