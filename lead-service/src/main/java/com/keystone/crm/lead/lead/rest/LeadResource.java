package com.keystone.crm.lead.lead.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.lead.ingest.api.MergeLeadsRequest;
import com.keystone.crm.lead.ingest.service.LeadMerger;
import com.keystone.crm.lead.lead.api.ChangeStatusRequest;
import com.keystone.crm.lead.lead.api.CreateLeadRequest;
import com.keystone.crm.lead.lead.api.LeadListParams;
import com.keystone.crm.lead.lead.api.LeadView;
import com.keystone.crm.lead.lead.service.LeadChanges;
import com.keystone.crm.lead.lead.service.LeadExport;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.lead.service.LeadSearch;
import com.keystone.crm.lead.lead.service.LeadService;
import com.keystone.crm.platform.chassis.audit.DataAccessAudit;
import com.keystone.crm.platform.chassis.http.IfNoneMatch;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;
import java.util.Map;

/** Leads: /api/v1/leads. */
@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class LeadResource {
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String TEXT_CSV = "text/csv";

    private final LeadService leads;
    private final LeadChanges changes;
    private final LeadSearch search;
    private final LeadMerger merger;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;
    private final LeadExport export;
    private final DataAccessAudit audit;

    public LeadResource(LeadService leads, LeadChanges changes, LeadSearch search, LeadMerger merger, Caller caller,
                        IdempotentCreate idempotentCreate, LeadExport export, DataAccessAudit audit) {
        this.export = export;
        this.audit = audit;
        this.idempotentCreate = idempotentCreate;
        this.merger = merger;
        this.leads = leads;
        this.changes = changes;
        this.search = search;
        this.caller = caller;
    }

    /** Creates a lead; a retry with the same Idempotency-Key and body gets the first answer again. */
    @POST
    public Uni<Response> create(@Valid @NotNull CreateLeadRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        return idempotentCreate.create(LeadService.IDEMPOTENCY_SCOPE, idempotencyKey, request,
                () -> leads.create(caller, request).map(lead -> Response.status(Response.Status.CREATED)
                        .location(uri.getAbsolutePathBuilder().path(lead.id().toString()).build())
                        .tag(new EntityTag(lead.etag()))
                        .entity(lead)
                        .build()));
    }

    /**
     * The caller's visible leads: filters, sort and cursor pagination (see LeadListParams); with updatedSince also
     * the tombstones of leads deleted or merged away since then.
     */
    @GET
    public Uni<Page<Object>> list(@Valid @BeanParam LeadListParams params) {
        return search.list(caller, params);
    }

    /**
     * The caller's visible leads as a CSV download (the list's filters, every page): {@code Accept: text/csv}.
     * Audited as {@code lead.exported} once the download is allowed (a streamed answer passes no response filter).
     */
    @GET
    @Path("/export")
    @Produces(TEXT_CSV)
    public RestMulti<String> export(@Valid @BeanParam LeadListParams params) {
        Uni<Void> audited = audit.recordDownload("lead.exported", null);
        return RestMulti.fromUniResponse(export.select(caller, params).call(() -> audited), export::csv,
                selection -> Map.of("Content-Disposition", List.of("attachment; filename=\"leads.csv\"")));
    }

    /** One lead; 304 without a body when If-None-Match names its current ETag. */
    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return leads.get(caller, LeadFinder.parseId(id)).map(lead -> IfNoneMatch.ok(lead, lead.etag(), ifNoneMatch));
    }

    /** JSON merge patch of the profile; needs If-Match. */
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Uni<Response> patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @NotNull JsonNode body) throws JsonProcessingException {
        return changes.patch(caller, LeadFinder.parseId(id), ifMatch, body).map(LeadResource::withTag);
    }

    /** Moves the lead along the pipeline; If-Match is optional here (a status change does not lose edits). */
    @POST
    @Path("/{id}/status")
    public Uni<Response> changeStatus(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Valid @NotNull ChangeStatusRequest request) {
        return changes.changeStatus(caller, LeadFinder.parseId(id), ifMatch == null ? "*" : ifMatch, request)
                .map(LeadResource::withTag);
    }

    /** Soft delete; needs If-Match. */
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return changes.delete(caller, LeadFinder.parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    /** Merges a duplicate into this lead; the duplicate's history moves here. If-Match of this lead is optional. */
    @POST
    @Path("/{id}/merge")
    public Uni<Response> merge(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull MergeLeadsRequest request) {
        return merger.merge(caller, LeadFinder.parseId(id), request.duplicateLeadId(), ifMatch == null ? "*" : ifMatch)
                .map(LeadResource::withTag);
    }

    private static Response withTag(LeadView lead) {
        return Response.ok(lead).tag(new EntityTag(lead.etag())).build();
    }
}
