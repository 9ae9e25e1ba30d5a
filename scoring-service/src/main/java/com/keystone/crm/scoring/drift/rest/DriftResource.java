package com.keystone.crm.scoring.drift.rest;

import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.drift.domain.DriftReport;
import com.keystone.crm.scoring.drift.service.DriftCheckView;
import com.keystone.crm.scoring.drift.service.DriftService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The champion's drift: computed on demand (/api/v1/models/drift) and the recorded scheduled checks. */
@Path("/api/v1/models/drift")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
public class DriftResource {
    private final DriftService drift;
    private final Caller caller;

    public DriftResource(DriftService drift, Caller caller) {
        this.drift = drift;
        this.caller = caller;
    }

    @GET
    public Uni<DriftReport> report() {
        return drift.report(caller);
    }

    /** The recorded scheduled checks, newest first: drift, calibration per score decile, the retraining decided. */
    @GET
    @Path("/checks")
    public Uni<List<DriftCheckView>> checks(@QueryParam("limit") String limit) {
        return drift.checks(caller, ListQuery.checkedLimit(limit));
    }
}
