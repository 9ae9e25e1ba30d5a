package com.keystone.crm.workflow.analytics.rest;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.analytics.service.AnalyticsService;
import com.keystone.crm.workflow.analytics.service.AnalyticsView;
import com.keystone.crm.workflow.common.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/workflows/{id}/analytics}: team leads and admins. */
@Path("/api/v1/workflows/{id}/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
public class AnalyticsResource {
    private final AnalyticsService analytics;
    private final Caller caller;

    public AnalyticsResource(AnalyticsService analytics, Caller caller) {
        this.analytics = analytics;
        this.caller = caller;
    }

    @GET
    public Uni<AnalyticsView> get(@PathParam("id") String id) {
        return analytics.of(caller, Ids.parse(id, "Workflow"));
    }
}
