package com.keystone.crm.scoring.schedule.rest;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.schedule.service.ScheduleRequest;
import com.keystone.crm.scoring.schedule.service.ScheduleService;
import com.keystone.crm.scoring.schedule.service.ScheduleView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The tenant's scheduled drift check and retraining: /api/v1/scoring-schedule. */
@Path("/api/v1/scoring-schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {
    private final ScheduleService schedules;
    private final Caller caller;

    public ScheduleResource(ScheduleService schedules, Caller caller) {
        this.schedules = schedules;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<ScheduleView> get() {
        return schedules.get(caller);
    }

    /** The tenant's own cron ({@code {"cron": "0 0 4 ? * SUN"}}), or {@code {"cron": null}} for the default. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    public Uni<ScheduleView> replace(@Valid @NotNull ScheduleRequest request) {
        return schedules.replace(caller, request);
    }

    /** Runs the tenant's check at the next tick instead of at its scheduled time (202: it runs in the background). */
    @POST
    @Path("/check")
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> checkNow() {
        return schedules.checkNow(caller).map(v -> Response.accepted(v).build());
    }
}
