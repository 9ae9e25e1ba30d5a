package com.keystone.crm.gateway.service;

import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.gateway.domain.Team;
import com.keystone.crm.gateway.domain.Tenant;
import com.keystone.crm.gateway.repository.AppUserRepository;
import com.keystone.crm.gateway.repository.RefreshTokenRepository;
import com.keystone.crm.gateway.repository.TeamRepository;
import com.keystone.crm.gateway.repository.TenantRepository;
import com.keystone.crm.gateway.security.RevocationList;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Users and teams of a tenant, as its admins manage them. Every change publishes user.created / user.updated and
 * is audited in the same transaction. Another tenant's user or team answers 404.
 */
@ApplicationScoped
public class UserAdmin {
    private final AppUserRepository users;
    private final TeamRepository teams;
    private final TenantRepository tenants;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final UserEvents events;
    private final AuditLog audit;
    private final RevocationList revocations;
    private final CrmClock clock;
    private final AccessRevocationEvents revocationEvents;

    public UserAdmin(AppUserRepository users, TeamRepository teams, TenantRepository tenants,
                     RefreshTokenRepository refreshTokens, PasswordHasher hasher, UserEvents events, AuditLog audit,
                     RevocationList revocations, CrmClock clock, AccessRevocationEvents revocationEvents) {
        this.revocationEvents = revocationEvents;
        this.clock = clock;
        this.users = users;
        this.teams = teams;
        this.tenants = tenants;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.events = events;
        this.audit = audit;
        this.revocations = revocations;
    }

    /** Creates the tenant (if new) and its first admin, unless the tenant already has users. True when created. */
    @WithTransaction
    public Uni<Boolean> bootstrap(String tenantId, String tenantName, String email, String password) {
        return tenants.findById(tenantId).chain(existing -> {
            Uni<Tenant> tenant = existing != null ? Uni.createFrom().item(existing) : tenants.persist(newTenant(tenantId, tenantName));
            return tenant.chain(t -> users.count("tenantId", tenantId)).chain(count -> {
                if (count > 0) {
                    return Uni.createFrom().item(false);
                }
                return create(tenantId, null, new CreateUserRequest(email, password, Set.of("admin"), null, "Administrator"), null)
                        .replaceWith(true);
            });
        });
    }

    @WithTransaction
    public Uni<AppUser> create(String tenantId, String actorId, CreateUserRequest request, String ip) {
        Set<String> roles = checkRoles(request.roles());
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        return users.findByEmail(email)
                .chain(existing -> existing != null
                        ? Uni.createFrom().failure(ProblemException.conflict("email-taken", "A user with this e-mail exists"))
                        : checkTeam(tenantId, request.teamId()))
                .chain(() -> hasher.hash(request.password()))
                .chain(hash -> {
                    Instant now = clock.now();
                    AppUser u = new AppUser();
                    u.id = UUID.randomUUID().toString();
                    u.tenantId = tenantId;
                    u.email = email;
                    u.passwordHash = hash;
                    u.assignRoles(roles);
                    u.teamId = request.teamId();
                    u.displayName = request.displayName();
                    u.active = true;
                    u.createdAt = now;
                    u.updatedAt = now;
                    return users.persist(u)
                            .call(created -> events.created(created, now))
                            .call(created -> audit.record(tenantId, AuditLog.USER_CREATED, actorId, created.id, ip,
                                    "roles=" + created.roles));
                });
    }

    @WithSession
    public Uni<List<AppUser>> list(String tenantId) {
        return users.find("tenantId", Sort.ascending("createdAt", "id"), tenantId).list();
    }

    @WithSession
    public Uni<AppUser> get(String tenantId, String userId) {
        return found(tenantId, userId);
    }

    @WithTransaction
    public Uni<AppUser> changeRoles(String tenantId, String actorId, String userId, Set<String> requested, String ip) {
        Set<String> roles = checkRoles(requested);
        return found(tenantId, userId).chain(u -> {
            String before = u.roles;
            u.assignRoles(roles);
            if (before.equals(u.roles)) {
                return Uni.createFrom().item(u);
            }
            return changed(u, AuditLog.ROLES_CHANGED, actorId, ip, before + " -> " + u.roles);
        });
    }

    @WithTransaction
    public Uni<AppUser> changeTeam(String tenantId, String actorId, String userId, String teamId, String ip) {
        return found(tenantId, userId).call(u -> checkTeam(tenantId, teamId)).chain(u -> {
            String before = u.teamId;
            u.teamId = teamId;
            return changed(u, AuditLog.TEAM_CHANGED, actorId, ip, before + " -> " + teamId);
        });
    }

    /** Deactivates: no more logins, every refresh token revoked, and its access tokens refused from now on. */
    @WithTransaction
    public Uni<AppUser> deactivate(String tenantId, String actorId, String userId, String ip) {
        return found(tenantId, userId).chain(u -> {
            if (!u.active) {
                return Uni.createFrom().item(u);
            }
            if (u.id.equals(actorId)) {
                return Uni.createFrom().failure(ProblemException.unprocessable("self-deactivation", "An admin cannot deactivate themselves"));
            }
            Instant now = clock.now();
            u.active = false;
            u.deactivatedAt = now;
            return refreshTokens.revokeAllOfUser(u.id, now)
                    .chain(() -> revocationEvents.user(u.tenantId, u.id, AuthAccessRevoked.Reason.USER_DEACTIVATED, actorId, now))
                    .chain(() -> changed(u, AuditLog.USER_DEACTIVATED, actorId, ip, null))
                    .invoke(() -> revocations.userDeactivated(u.id));
        });
    }

    @WithTransaction
    public Uni<Team> createTeam(String tenantId, String actorId, String name, String ip) {
        return teams.count("tenantId = ?1 and name = ?2", tenantId, name.trim()).chain(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ProblemException.conflict("team-exists", "A team with this name exists"));
            }
            Team t = new Team();
            t.id = UUID.randomUUID().toString();
            t.tenantId = tenantId;
            t.name = name.trim();
            t.createdAt = clock.now();
            return teams.persist(t).call(saved -> audit.record(tenantId, AuditLog.TEAM_CREATED, actorId, saved.id, ip, saved.name));
        });
    }

    @WithSession
    public Uni<List<Team>> teams(String tenantId) {
        return teams.find("tenantId", Sort.ascending("name"), tenantId).list();
    }

    private Uni<AppUser> changed(AppUser u, String action, String actorId, String ip, String detail) {
        Instant now = clock.now();
        u.updatedAt = now;
        long next = u.aggregateVersion() + 1;
        return events.updated(u, now, next)
                .call(() -> audit.record(u.tenantId, action, actorId, u.id, ip, detail))
                .call(() -> users.flush())
                .replaceWith(u);
    }

    private Uni<AppUser> found(String tenantId, String userId) {
        return users.findInTenant(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("The user"));
    }

    private Uni<Void> checkTeam(String tenantId, String teamId) {
        if (teamId == null) {
            return Uni.createFrom().voidItem();
        }
        return teams.findById(teamId).chain(t -> t == null || !t.tenantId.equals(tenantId)
                ? Uni.createFrom().failure(ProblemException.unprocessable("unknown-team", "No team " + teamId + " in this tenant"))
                : Uni.createFrom().voidItem());
    }

    private static Set<String> checkRoles(Set<String> roles) {
        for (String r : roles) {
            if (!AppUser.ROLES.contains(r)) {
                throw ProblemException.unprocessable("unknown-role", "Roles are agent, team-lead and admin, not " + r);
            }
        }
        return roles;
    }

    private Tenant newTenant(String id, String name) {
        Tenant t = new Tenant();
        t.id = id;
        t.name = name == null || name.isBlank() ? id : name;
        t.createdAt = clock.now();
        return t;
    }
}
