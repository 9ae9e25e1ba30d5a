package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.config.TokenConfig;
import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.gateway.domain.RefreshToken;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.RefreshTokenRepository;
import com.keystone.crm.gateway.repository.TenantRepository;
import com.keystone.crm.gateway.repository.TotpRecoveryCodeRepository;
import com.keystone.crm.gateway.security.RecoveryCodes;
import com.keystone.crm.gateway.security.Totp;
import com.keystone.crm.gateway.security.TotpSecretCipher;
import com.keystone.crm.gateway.security.RevocationList;
import com.keystone.crm.gateway.security.TokenIssuer;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Login, refresh-token rotation and logout. Refresh tokens are 256 random bits; only their SHA-256 is stored.
 * Presenting a token that was already rotated means it leaked (or was replayed): the whole family is revoked.
 */
@ApplicationScoped
public class Authenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUserRepository users;
    private final TenantRepository tenants;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final TokenConfig config;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final RevocationList revocations;
    private final AccessRevocationEvents revocationEvents;
    private final TotpSecretCipher cipher;
    private final TotpRecoveryCodeRepository recoveryCodes;
    private final CrmClock clock;

    public Authenticator(AppUserRepository users, TenantRepository tenants, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                         TokenIssuer issuer, TokenConfig config, LoginThrottle throttle, AuditLog audit,
                         RevocationList revocations, AccessRevocationEvents revocationEvents, TotpSecretCipher cipher,
                         TotpRecoveryCodeRepository recoveryCodes, CrmClock clock) {
        this.cipher = cipher;
        this.recoveryCodes = recoveryCodes;
        this.revocationEvents = revocationEvents;
        this.clock = clock;
        this.users = users;
        this.tenants = tenants;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.issuer = issuer;
        this.config = config;
        this.throttle = throttle;
        this.audit = audit;
        this.revocations = revocations;
    }

    /** One answer for an unknown e-mail, a wrong password and a deactivated user. */
    static ProblemException invalidCredentials() {
        return new ProblemException(Problem.of("invalid-credentials", "Unauthorized", 401, "The e-mail or password is wrong"));
    }

    static ProblemException invalidRefreshToken() {
        return new ProblemException(Problem.of("invalid-refresh-token", "Unauthorized", 401, "The refresh token is not valid"));
    }

    public Uni<TokenPair> login(String rawEmail, String password, String ip) {
        return login(rawEmail, password, null, ip);
    }

    public Uni<TokenPair> login(String rawEmail, String password, String totpCode, String ip) {
        return login(rawEmail, password, totpCode, null, ip);
    }

    /** With a one-time recovery code in place of the authenticator code (a lost phone); the code is spent. */
    public Uni<TokenPair> login(String rawEmail, String password, String totpCode, String recoveryCode, String ip) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        Duration ipWait = throttle.attemptFrom(ip);
        if (!ipWait.isZero()) {
            return Uni.createFrom().failure(new TooManyAttemptsException(ipWait));
        }
        Duration locked = throttle.lockedFor(email);
        if (!locked.isZero()) {
            return audit.recordAlone(null, AuditLog.LOGIN_LOCKED, null, null, ip, "email=" + email)
                    .chain(() -> Uni.createFrom().failure(new TooManyAttemptsException(locked)));
        }
        return Panache.withSession(() -> users.findByEmail(email))
                .chain(user -> hasher.verify(password, user == null ? null : user.passwordHash).chain(ok -> {
                    if (!ok || !user.active) {
                        throttle.failed(email);
                        return audit.recordAlone(user == null ? null : user.tenantId, AuditLog.LOGIN_FAILED,
                                        user == null ? null : user.id, user == null ? null : user.id, ip,
                                        user == null ? "unknown e-mail " + email : (ok ? "deactivated" : "wrong password"))
                                .chain(() -> Uni.createFrom().failure(invalidCredentials()));
                    }
                    if (user.totpEnabled && (totpCode == null || totpCode.isBlank()) && recoveryCode != null && !recoveryCode.isBlank()) {
                        return loginWithRecoveryCode(user, email, recoveryCode, ip);
                    }
                    if (user.totpEnabled) {
                        if (totpCode == null || totpCode.isBlank()) {
                            return Uni.createFrom().failure(new ProblemException(Problem.of("totp-required", "Unauthorized", 401,
                                    "This account needs the code of its authenticator app (totpCode)")));
                        }
                        OptionalLong step = Totp.verify(cipher.open(user.id, user.totpKeyId, user.totpSecret), totpCode.trim(),
                                clock.now(), user.totpLastStep);
                        if (step.isEmpty()) {
                            throttle.failed(email);
                            return audit.recordAlone(user.tenantId, AuditLog.LOGIN_FAILED, user.id, user.id, ip, "wrong second factor")
                                    .chain(() -> Uni.createFrom().failure(new ProblemException(Problem.of("invalid-totp",
                                            "Unauthorized", 401, "The authenticator code is wrong or was used already"))));
                        }
                        throttle.succeeded(email);
                        return Panache.withTransaction(() -> users.update("totpLastStep = ?1 where id = ?2 and totpLastStep < ?1",
                                        step.getAsLong(), user.id)
                                .chain(won -> won == 0
                                        ? Uni.createFrom().failure(new ProblemException(Problem.of("invalid-totp", "Unauthorized", 401,
                                        "The authenticator code is wrong or was used already")))
                                        : issue(user, UUID.randomUUID(), clock.now()))
                                .call(() -> audit.record(user.tenantId, AuditLog.LOGIN_SUCCEEDED, user.id, user.id, ip, "with TOTP")));
                    }
                    throttle.succeeded(email);
                    return Panache.withTransaction(() -> issue(user, UUID.randomUUID(), clock.now())
                            .call(() -> audit.record(user.tenantId, AuditLog.LOGIN_SUCCEEDED, user.id, user.id, ip, null)));
                }));
    }

    private Uni<TokenPair> loginWithRecoveryCode(AppUser user, String email, String recoveryCode, String ip) {
        String hash = RecoveryCodes.hash(recoveryCode);
        Instant now = clock.now();
        Uni<Integer> spent = hash == null ? Uni.createFrom().item(0)
                : Panache.withTransaction(() -> recoveryCodes.spend(user.id, hash, now));
        return spent.chain(won -> {
            if (won == 0) {
                throttle.failed(email);
                return audit.recordAlone(user.tenantId, AuditLog.LOGIN_FAILED, user.id, user.id, ip, "wrong or used recovery code")
                        .chain(() -> Uni.createFrom().failure(new ProblemException(Problem.of("invalid-totp", "Unauthorized", 401,
                                "The recovery code is wrong or was used already"))));
            }
            throttle.succeeded(email);
            return Panache.withTransaction(() -> issue(user, UUID.randomUUID(), now)
                    .call(() -> audit.record(user.tenantId, AuditLog.RECOVERY_CODE_USED, user.id, user.id, ip, null))
                    .call(() -> audit.record(user.tenantId, AuditLog.LOGIN_SUCCEEDED, user.id, user.id, ip, "with a recovery code")));
        });
    }

    public Uni<TokenPair> refresh(String presented, String ip) {
        String hash = sha256(presented);
        Instant now = clock.now();
        return Panache.withTransaction(() -> refreshTokens.findByHash(hash).chain(token -> {
            if (token == null || token.revokedAt != null || !token.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(invalidRefreshToken());
            }
            if (token.rotatedAt != null) {
                return revokeFamilyOnReuse(token, ip, now).replaceWith(Uni.createFrom().<TokenPair>nullItem());
            }
            return refreshTokens.markRotated(token.id, now).chain(won -> won == 0
                    // a concurrent refresh of the same token rotated it first: a replay as well
                    ? revokeFamilyOnReuse(token, ip, now).replaceWith(Uni.createFrom().<TokenPair>nullItem())
                    : users.findById(token.userId).chain(user -> user == null || !user.active
                    ? Uni.createFrom().failure(invalidRefreshToken())
                    : issue(user, token.familyId, now)));
        })).onItem().ifNull().failWith(Authenticator::invalidRefreshToken);
    }

    /** Revokes the refresh token's family and the access token that asked. Unknown refresh tokens are ignored. */
    public Uni<Void> logout(String tenantId, String userId, String jti, Instant accessExpiresAt, String presented, String ip) {
        return logout(tenantId, userId, jti, null, accessExpiresAt, presented, ip);
    }

    /**
     * As above; the access token's session ({@code sid}) is revoked with it, so the access tokens refreshed earlier in the
     * same login stop too. Every service learns it from auth.access-revoked (issue #10).
     */
    public Uni<Void> logout(String tenantId, String userId, String jti, String sessionId, Instant accessExpiresAt, String presented,
                            String ip) {
        Instant now = clock.now();
        return Panache.withTransaction(() -> revocations.revokeAccessToken(jti, accessExpiresAt)
                .chain(() -> revocationEvents.token(tenantId, userId, jti, sessionId, accessExpiresAt, now))
                .chain(() -> presented == null ? Uni.createFrom().nullItem() : refreshTokens.findByHash(sha256(presented)))
                .chain(token -> token == null || !token.userId.equals(userId)
                        ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(token.familyId, now).replaceWithVoid())
                .chain(() -> audit.record(tenantId, AuditLog.LOGOUT, userId, userId, ip, null)));
    }

    public Uni<AppUser> me(String tenantId, String userId) {
        return Panache.withSession(() -> users.findInTenant(tenantId, userId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"));
    }

    private Uni<Void> revokeFamilyOnReuse(RefreshToken token, String ip, Instant now) {
        return refreshTokens.revokeFamily(token.familyId, now)
                .chain(() -> users.findById(token.userId))
                .call(user -> user == null ? Uni.createFrom().voidItem()
                        : revocationEvents.session(user.tenantId, user.id, token.familyId.toString(), now))
                .chain(user -> audit.record(user == null ? null : user.tenantId, AuditLog.FAMILY_REVOKED, null,
                        token.userId, ip, "reuse of a rotated refresh token; family " + token.familyId));
    }

    private Uni<TokenPair> issue(AppUser user, UUID family, Instant now) {
        return tenants.findById(user.tenantId).chain(tenant -> {
            Set<String> groups = new LinkedHashSet<>(user.roleSet());
            if (tenant != null && tenant.adminTotpRequired && !user.totpEnabled) {
                // admin rights wait until the second factor is set up; the token still lets the user enrol
                groups.remove("admin");
            }
            return issue(user, groups, family, now);
        });
    }

    private Uni<TokenPair> issue(AppUser user, Set<String> groups, UUID family, Instant now) {
        TokenIssuer.AccessToken access = issuer.issue(user, groups, family.toString(), now);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RefreshToken r = new RefreshToken();
        r.id = UUID.randomUUID();
        r.familyId = family;
        r.userId = user.id;
        r.tokenHash = sha256(refresh);
        r.createdAt = now;
        r.expiresAt = now.plus(config.refreshTtl());
        return refreshTokens.persist(r).map(saved -> new TokenPair(access.token(), "Bearer",
                config.accessTtl().toSeconds(), refresh, config.refreshTtl().toSeconds()));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
