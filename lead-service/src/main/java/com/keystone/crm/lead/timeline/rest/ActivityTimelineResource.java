package com.keystone.crm.lead.timeline.rest;

import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.timeline.api.ActivityLogRequest;
import com.keystone.crm.lead.timeline.api.ActivityView;
import com.keystone.crm.lead.timeline.service.ActivityTimelineService;
import com.keystone.crm.lead.web.ConcurrentWrites;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** A lead's timeline: /api/v1/leads/{leadId}/activities. */
@Path("/api/v1/leads/{leadId}/activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class ActivityTimelineResource {
    /** The contract's activityType: kebab-case, at most 64 characters. */
    private static final Pattern ACTIVITY_TYPE = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    private static final int MAX_TYPES = 20;

    private final ActivityTimelineService timeline;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public ActivityTimelineResource(ActivityTimelineService timeline, Caller caller,
                                    IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.timeline = timeline;
        this.caller = caller;
    }

    /**
     * Newest first by occurrence, then id. {@code type} may repeat or list types separated by commas;
     * {@code since} keeps entries that occurred at or after it.
     */
    @GET
    public Uni<Page<ActivityView>> list(@PathParam("leadId") String leadId,
                                                   @QueryParam("type") List<String> type,
                                                   @QueryParam("since") String since,
                                                   @QueryParam("limit") String limit,
                                                   @QueryParam("cursor") String cursor) {
        UUID lead = LeadFinder.parseId(leadId);
        ListQuery q = new ListQuery();
        Set<String> types = types(q, type);
        var from = q.instant("since", since);
        int size = q.limit(limit);
        Cursor after = q.cursor(timeline.cursors(), cursor);
        q.validate();
        return timeline.list(caller, lead, types, from, size, after);
    }

    /** Logs a call, an email or SMS sent outside the system, a viewing, a meeting: 201 (replayed for a retried Idempotency-Key). */
    @POST
    public Uni<Response> log(@PathParam("leadId") String leadId, @Valid @NotNull ActivityLogRequest request,
                             @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey) {
        UUID lead = LeadFinder.parseId(leadId);
        return idempotentCreate.create(ActivityTimelineService.IDEMPOTENCY_SCOPE, idempotencyKey, List.of(lead, request),
                        () -> timeline.log(caller, lead, request)
                                .map(activity -> Response.status(Response.Status.CREATED).entity(activity).build()))
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::retryCreate);
    }

    private static Set<String> types(ListQuery q, List<String> raw) {
        Set<String> types = new LinkedHashSet<>();
        if (raw == null) {
            return types;
        }
        for (String param : raw) {
            for (String t : param.split(",")) {
                String type = t.trim();
                if (type.isEmpty()) {
                    continue;
                }
                if (type.length() > 64 || !ACTIVITY_TYPE.matcher(type).matches()) {
                    q.reject("type", "must be kebab-case activity types such as call-logged or message-replied");
                    return Set.of();
                }
                types.add(type);
            }
        }
        if (types.size() > MAX_TYPES) {
            q.reject("type", "at most " + MAX_TYPES + " types");
        }
        return types;
    }
}
