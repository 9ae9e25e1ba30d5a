package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.config.PasswordResetConfig;
import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.gateway.domain.PasswordReset;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.PasswordResetRepository;
import com.keystone.crm.gateway.repository.RefreshTokenRepository;
import com.keystone.crm.gateway.repository.TenantRepository;
import com.keystone.crm.gateway.security.Totp;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Password change, the reset flow (a one-time link sent through notification.requested) and TOTP enrolment.
 * A new password ends every other session: all the user's refresh tokens are revoked.
 */
@ApplicationScoped
public class Credentials {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUserRepository users;
    private final TenantRepository tenants;
    private final PasswordResetRepository resets;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final PasswordResetConfig resetConfig;
    private final CrmClock clock;
    private final LoginThrottle throttle;

    public Credentials(AppUserRepository users, TenantRepository tenants, PasswordResetRepository resets,
                       RefreshTokenRepository refreshTokens, PasswordHasher hasher, OutboxWriter outbox, AuditLog audit,
                       PasswordResetConfig resetConfig, CrmClock clock, LoginThrottle throttle) {
        this.clock = clock;
        this.throttle = throttle;
        this.users = users;
        this.tenants = tenants;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.outbox = outbox;
        this.audit = audit;
        this.resetConfig = resetConfig;
    }

    public record TotpEnrolment(String secret, String otpauthUri) {
    }

    public Uni<Void> change(String tenantId, String userId, String current, String next, String ip) {
        // throttled like a login: a stolen access token must not allow thousands of current-password guesses
        Duration wait = throttle.attemptFrom(ip);
        String account = "password-change:" + tenantId + ":" + userId;
        if (wait.isZero()) {
            wait = throttle.lockedFor(account);
        }
        if (!wait.isZero()) {
            return Uni.createFrom().failure(new TooManyAttemptsException(wait));
        }
        return Panache.withSession(() -> users.findInTenant(tenantId, userId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .chain(user -> hasher.verify(current, user.passwordHash).chain(ok -> {
                    if (!ok) {
                        throttle.failed(account);
                        return Uni.createFrom().failure(new ProblemException(Problem.of("invalid-credentials", "Unauthorized", 401,
                                "The current password is wrong")));
                    }
                    throttle.succeeded(account);
                    return hasher.hash(next).chain(hash -> Panache.withTransaction(() -> setPassword(userId, hash, ip, "password.changed")));
                }));
    }

    /** Always succeeds, whether or not the e-mail belongs to an active user: the answer reveals nothing. */
    public Uni<Void> requestReset(String rawEmail, String ip) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        return Panache.withTransaction(() -> users.findByEmail(email).chain(user -> {
            if (user == null || !user.active) {
                return Uni.createFrom().voidItem();
            }
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Instant now = clock.now();
            PasswordReset r = new PasswordReset();
            r.id = UUID.randomUUID();
            r.userId = user.id;
            r.tokenHash = Authenticator.sha256(token);
            r.createdAt = now;
            r.expiresAt = now.plus(resetConfig.ttl());
            return resets.persist(r)
                    .chain(() -> outbox.append(OutboxEvent.of("notification", r.id.toString(), resetMail(user, r, token, now))))
                    .chain(() -> audit.record(user.tenantId, "password.reset-requested", null, user.id, ip, null));
        }));
    }

    public Uni<Void> confirmReset(String token, String next, String ip) {
        String hash = Authenticator.sha256(token);
        Instant now = clock.now();
        return hasher.hash(next).chain(newHash -> Panache.withTransaction(() -> resets.find("tokenHash", hash).firstResult()
                .chain(r -> {
                    if (r == null || r.usedAt != null || !r.expiresAt.isAfter(now)) {
                        return Uni.createFrom().failure(new ProblemException(Problem.of("invalid-reset-token", "Bad Request", 400,
                                "The reset link is not valid or has expired")));
                    }
                    r.usedAt = now;
                    return setPassword(r.userId, newHash, ip, "password.reset");
                })));
    }

    /** A new secret, not active until a code from it is confirmed. */
    public Uni<TotpEnrolment> enrolTotp(String tenantId, String userId) {
        return Panache.withTransaction(() -> users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .map(user -> {
                    if (user.totpEnabled) {
                        throw ProblemException.conflict("totp-enabled", "A second factor is already active");
                    }
                    user.totpSecret = Totp.newSecret();
                    return new TotpEnrolment(user.totpSecret, Totp.otpauthUri("Keystone CRM", user.email, user.totpSecret));
                }));
    }

    public Uni<Void> activateTotp(String tenantId, String userId, String code, String ip) {
        return Panache.withTransaction(() -> users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .chain(user -> {
                    OptionalLong step = Totp.verify(user.totpSecret, code, clock.now(), user.totpLastStep);
                    if (user.totpEnabled || step.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("invalid-totp",
                                "The code does not match the enrolled secret"));
                    }
                    user.totpEnabled = true;
                    user.totpLastStep = step.getAsLong();
                    return audit.record(user.tenantId, "totp.enabled", user.id, user.id, ip, null);
                }));
    }

    public Uni<Boolean> setAdminTotpRequired(String tenantId, String actorId, boolean required, String ip) {
        return Panache.withTransaction(() -> tenants.findById(tenantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The tenant"))
                .chain(t -> {
                    t.adminTotpRequired = required;
                    return audit.record(tenantId, "tenant.settings-changed", actorId, tenantId, ip, "adminTotpRequired=" + required)
                            .replaceWith(required);
                }));
    }

    private Uni<Void> setPassword(String userId, String hash, String ip, String action) {
        return users.findById(userId).chain(user -> {
            user.passwordHash = hash;
            user.updatedAt = clock.now();
            return refreshTokens.revokeAllOfUser(user.id, clock.now())
                    .chain(() -> audit.record(user.tenantId, action, user.id, user.id, ip, "all sessions ended"));
        });
    }

    private NotificationRequested resetMail(AppUser user, PasswordReset r, String token, Instant now) {
        // the template's placeholders: free-form by contract (templateVariables is an open object)
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("resetLink", resetConfig.linkBase() + token);
        vars.put("expiresAt", r.expiresAt.toString());
        return NotificationRequested.builder()
                .withRequestId(r.id)
                .withTenantId(user.tenantId)
                .withVersion(user.aggregateVersion())
                .withOccurredAt(now)
                .withChannel(Channel.EMAIL)
                .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.USER).withUserId(user.id)
                        .withEmail(user.email).build())
                .withTemplateKey("password-reset")
                .withTemplateVariables(vars)
                .withSubject("Reset your Keystone CRM password")
                .withRequestedBy("api-gateway")
                .withUserId(user.id)
                .build();
    }

}
