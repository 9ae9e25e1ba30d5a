package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Test-only endpoints showing what {@link Caller} reads from the token. */
@Path("/test/caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerProbeResource {
    private final Caller caller;

    public CallerProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("userId", caller.userId());
        me.put("tenantId", caller.tenantId());
        me.put("teamId", caller.teamId().orElse(null));
        me.put("roles", new TreeSet<>(caller.roles()));
        me.put("admin", caller.isAdmin());
        me.put("teamLead", caller.isTeamLead());
        me.put("agent", caller.isAgent());
        return me;
    }

    @GET
    @Path("/admin")
    @RolesAllowed(Caller.ADMIN)
    public Map<String, Object> adminOnly() {
        return Map.of("tenantId", caller.tenantId());
    }
}
