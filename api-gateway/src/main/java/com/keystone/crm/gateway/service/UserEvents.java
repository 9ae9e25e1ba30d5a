package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.domain.AppUser;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

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
        return outbox.append(OutboxEvent.of(CREATED, "user", user.id, user.tenantId, at, payload(user, at, user.aggregateVersion())));
    }

    /** The version is passed in: the JPA version only grows when the session flushes. */
    public Uni<Void> updated(AppUser user, Instant at, long version) {
        return outbox.append(OutboxEvent.of(UPDATED, "user", user.id, user.tenantId, at, payload(user, at, version)));
    }

    static Map<String, Object> payload(AppUser user, Instant at, long version) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userId", user.id);
        p.put("tenantId", user.tenantId);
        p.put("version", version);
        p.put("occurredAt", at.toString());
        p.put("email", user.email);
        p.put("roles", new ArrayList<>(user.roleSet()));
        p.put("active", user.active);
        p.put("teamId", user.teamId);
        if (user.displayName != null) {
            p.put("displayName", user.displayName);
        }
        return p;
    }
}
