package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.domain.Team;

import java.time.Instant;

public record TeamView(String id, String tenantId, String name, Instant createdAt) {
    public static TeamView of(Team t) {
        return new TeamView(t.id, t.tenantId, t.name, t.createdAt);
    }
}
