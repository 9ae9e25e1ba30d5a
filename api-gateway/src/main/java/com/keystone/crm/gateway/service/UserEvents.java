package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserRole;
import com.keystone.crm.platform.contracts.events.UserUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** user.created / user.updated with the user's full state, through the outbox in the caller's transaction. */
@ApplicationScoped
public class UserEvents {
    public static final String CREATED = "user.created";
    public static final String UPDATED = "user.updated";

    private final OutboxWriter outbox;

    public UserEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(AppUser user, Instant at) {
        UserCreated p = UserCreated.builder()
                .withUserId(user.id)
                .withTenantId(user.tenantId)
                .withVersion(user.aggregateVersion())
                .withOccurredAt(at)
                .withEmail(user.email)
                .withRoles(roles(user))
                .withActive(user.active)
                .withTeamId(user.teamId)
                .withDisplayName(user.displayName)
                .build();
        return outbox.append(OutboxEvent.of("user", user.id, p));
    }

    /** The version is passed in: the JPA version only grows when the session flushes. */
    public Uni<Void> updated(AppUser user, Instant at, long version) {
        UserUpdated p = UserUpdated.builder()
                .withUserId(user.id)
                .withTenantId(user.tenantId)
                .withVersion(version)
                .withOccurredAt(at)
                .withEmail(user.email)
                .withRoles(roles(user))
                .withActive(user.active)
                .withTeamId(user.teamId)
                .withDisplayName(user.displayName)
                .build();
        return outbox.append(OutboxEvent.of("user", user.id, p));
    }

    static Set<UserRole> roles(AppUser user) {
        Set<UserRole> roles = new LinkedHashSet<>();
        user.roleSet().forEach(r -> roles.add(UserRole.fromValue(r)));
        return roles;
    }
}
