package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.domain.AppUser;

import java.time.Instant;
import java.util.Set;

/** A user as the API shows it: never the password hash. */
public record UserView(String id, String tenantId, String email, Set<String> roles, String teamId, String displayName,
                       boolean active, Instant createdAt, Instant updatedAt, boolean totpEnabled) {
    public static UserView of(AppUser u) {
        return new UserView(u.id, u.tenantId, u.email, u.roleSet(), u.teamId, u.displayName, u.active, u.createdAt, u.updatedAt, u.totpEnabled);
    }
}
