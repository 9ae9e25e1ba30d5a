package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.config.PasswordResetConfig;
import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.gateway.domain.PasswordReset;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.PasswordResetRepository;
import com.keystone.crm.gateway.repository.RefreshTokenRepository;
import com.keystone.crm.gateway.repository.TenantRepository;
import com.keystone.crm.gateway.config.TotpConfig;
import com.keystone.crm.gateway.domain.TotpRecoveryCode;
import com.keystone.crm.gateway.repository.TotpRecoveryCodeRepository;
import com.keystone.crm.gateway.security.RecoveryCodes;
import com.keystone.crm.gateway.security.Totp;
import com.keystone.crm.gateway.security.TotpSecretCipher;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
    private final TotpSecretCipher cipher;
    private final TotpRecoveryCodeRepository recoveryCodes;
    private final TotpConfig totpConfig;
    private final AccessRevocationEvents revocationEvents;

    public Credentials(AppUserRepository users, TenantRepository tenants, PasswordResetRepository resets,
                       RefreshTokenRepository refreshTokens, PasswordHasher hasher, OutboxWriter outbox, AuditLog audit,
                       PasswordResetConfig resetConfig, CrmClock clock, LoginThrottle throttle, TotpSecretCipher cipher,
                       TotpRecoveryCodeRepository recoveryCodes, TotpConfig totpConfig, AccessRevocationEvents revocationEvents) {
        this.cipher = cipher;
        this.recoveryCodes = recoveryCodes;
        this.totpConfig = totpConfig;
        this.revocationEvents = revocationEvents;
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

    /** Recovery codes, shown once: only their hashes are kept. */
    public record RecoveryCodeSet(List<String> codes, Instant generatedAt) {
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
                    String secret = Totp.newSecret();
                    TotpSecretCipher.Sealed sealed = cipher.seal(user.id, secret);
                    user.totpSecret = sealed.text();
                    user.totpKeyId = sealed.keyId();
                    return new TotpEnrolment(secret, Totp.otpauthUri("Keystone CRM", user.email, secret));
                }));
    }

    public Uni<Void> activateTotp(String tenantId, String userId, String code, String ip) {
        return Panache.withTransaction(() -> users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .chain(user -> {
                    OptionalLong step = user.totpSecret == null ? OptionalLong.empty()
                            : Totp.verify(cipher.open(user.id, user.totpKeyId, user.totpSecret), code, clock.now(), user.totpLastStep);
                    if (user.totpEnabled || step.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("invalid-totp",
                                "The code does not match the enrolled secret"));
                    }
                    user.totpEnabled = true;
                    user.totpLastStep = step.getAsLong();
                    return audit.record(user.tenantId, "totp.enabled", user.id, user.id, ip, null);
                }));
    }

    /**
     * A new set of recovery codes (the previous ones stop working), for a user whose second factor is active; a current
     * authenticator code is asked, so a stolen access token alone cannot mint a second factor.
     */
    public Uni<RecoveryCodeSet> newRecoveryCodes(String tenantId, String userId, String code, String ip) {
        Instant now = clock.now();
        return Panache.withTransaction(() -> users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .chain(user -> {
                    if (!user.totpEnabled) {
                        return Uni.createFrom().failure(ProblemException.conflict("totp-not-enabled",
                                "Recovery codes need an active second factor"));
                    }
                    OptionalLong step = Totp.verify(cipher.open(user.id, user.totpKeyId, user.totpSecret), code, now, user.totpLastStep);
                    if (step.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("invalid-totp",
                                "The code does not match the enrolled secret or was used already"));
                    }
                    user.totpLastStep = step.getAsLong();
                    List<String> codes = new ArrayList<>();
                    List<TotpRecoveryCode> rows = new ArrayList<>();
                    for (int i = 0; i < totpConfig.recoveryCodes(); i++) {
                        String c = RecoveryCodes.newCode();
                        codes.add(c);
                        TotpRecoveryCode row = new TotpRecoveryCode();
                        row.id = UUID.randomUUID();
                        row.userId = user.id;
                        row.codeHash = RecoveryCodes.hash(c);
                        row.createdAt = now;
                        rows.add(row);
                    }
                    return recoveryCodes.deleteAllOf(user.id)
                            .chain(() -> recoveryCodes.persist(rows))
                            .chain(() -> audit.record(user.tenantId, AuditLog.RECOVERY_CODES_GENERATED, user.id, user.id, ip,
                                    codes.size() + " codes"))
                            .replaceWith(new RecoveryCodeSet(List.copyOf(codes), now));
                }));
    }

    /**
     * An admin resets a user's second factor (a lost phone): the secret and the recovery codes go, every session of the
     * user ends (refresh tokens revoked, access tokens revoked everywhere through auth.access-revoked), audited.
     */
    public Uni<AppUser> resetSecondFactor(String tenantId, String actorId, String userId, String ip) {
        Instant now = clock.now();
        return Panache.withTransaction(() -> users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"))
                .chain(user -> {
                    if (user.id.equals(actorId)) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("self-reset",
                                "An admin cannot reset their own second factor; another admin must"));
                    }
                    boolean had = user.totpEnabled || user.totpSecret != null;
                    user.totpSecret = null;
                    user.totpKeyId = null;
                    user.totpEnabled = false;
                    user.updatedAt = now;
                    return recoveryCodes.deleteAllOf(user.id)
                            .chain(() -> refreshTokens.revokeAllOfUser(user.id, now))
                            .chain(() -> revocationEvents.user(user.tenantId, user.id,
                                    AuthAccessRevoked.Reason.SECOND_FACTOR_RESET, actorId, now))
                            .chain(() -> audit.record(user.tenantId, AuditLog.TOTP_RESET, actorId, user.id, ip,
                                    had ? "second factor removed; sessions ended" : "no second factor was set; sessions ended"))
                            .replaceWith(user);
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
