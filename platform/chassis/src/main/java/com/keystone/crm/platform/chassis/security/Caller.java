package com.keystone.crm.platform.chassis.security;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the verified access token: user ({@code sub}), tenant ({@code tenant}), team
 * ({@code team}) and roles ({@code groups}: agent, team-lead, admin).
 */
@RequestScoped
public class Caller {
    public static final String AGENT = "agent";
    public static final String TEAM_LEAD = "team-lead";
    public static final String ADMIN = "admin";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String userId() {
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw ProblemException.unauthorized("unauthenticated", "The token has no subject");
        }
        return sub;
    }

    /** The caller's tenant; a token without one is not a token of this system. */
    public String tenantId() {
        Object tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank()) {
            throw ProblemException.unauthorized("missing-tenant", "The token names no tenant");
        }
        return unquote(tenant.toString());
    }

    public Optional<String> teamId() {
        Object team = jwt.getClaim("team");
        return team == null || team.toString().isBlank() ? Optional.empty() : Optional.of(unquote(team.toString()));
    }

    public Set<String> roles() {
        Set<String> groups = jwt.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean isAdmin() {
        return roles().contains(ADMIN);
    }

    public boolean isTeamLead() {
        return roles().contains(TEAM_LEAD);
    }

    public boolean isAgent() {
        return roles().contains(AGENT);
    }

    // JsonString claims print with quotes
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
