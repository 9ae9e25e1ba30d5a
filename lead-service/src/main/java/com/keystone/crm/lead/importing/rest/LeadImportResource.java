package com.keystone.crm.lead.importing.rest;

import com.keystone.crm.lead.importing.api.ImportRowErrorView;
import com.keystone.crm.lead.importing.api.LeadImportJobView;
import com.keystone.crm.lead.importing.service.ImportRowErrorReport;
import com.keystone.crm.lead.importing.service.LeadImportMapping;
import com.keystone.crm.lead.importing.service.LeadImportService;
import com.keystone.crm.lead.importing.service.LeadImportUpload;
import com.keystone.crm.platform.chassis.audit.DataAccessAudit;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Historical CSV import of leads from a previous CRM: /api/v1/lead-imports (admins only). The upload answers 202
 * with the job; a background worker imports it while the job reports progress and the per-row error report grows.
 */
@Path("/api/v1/lead-imports")
@RolesAllowed(Caller.ADMIN)
public class LeadImportResource {
    static final String TEXT_CSV = "text/csv";

    private final LeadImportService imports;
    private final ImportRowErrorReport report;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    private final DataAccessAudit audit;

    public LeadImportResource(LeadImportService imports, ImportRowErrorReport report, Caller caller,
                              IdempotentCreate idempotentCreate, DataAccessAudit audit) {
        this.audit = audit;
        this.idempotentCreate = idempotentCreate;
        this.imports = imports;
        this.report = report;
        this.caller = caller;
    }

    /**
     * multipart/form-data: {@code file} (the CSV; Quarkus REST streams it to a temporary file) and {@code mapping}
     * (JSON, see LeadImportMapping). 202 + Location of the job; a retry with the same Idempotency-Key replays the first answer.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm("mapping") String mapping,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        LeadImportUpload upload = file == null ? null : new LeadImportUpload(file.uploadedFile(), file.fileName(), file.size());
        LeadImportMapping checked = imports.check(upload, mapping);
        Supplier<Uni<Response>> create = () -> imports.upload(caller, upload, checked).map(accepted -> Response
                .status(Response.Status.ACCEPTED)
                .location(uri.getBaseUriBuilder().path("api/v1/lead-imports").path(accepted.job().id().toString()).build())
                .tag(new EntityTag(accepted.etag()))
                .entity(accepted.job())
                .build());
        if (idempotencyKey == null) {
            return create.get().invoke(imports::wake);
        }
        IdempotentCreate.check(idempotencyKey);
        // the same key with the same mapping and file bytes replays the first answer (a replay wakes the worker for nothing)
        return imports.fingerprint(upload, checked)
                .chain(hash -> idempotentCreate.createHashed(LeadImportService.IDEMPOTENCY_SCOPE, idempotencyKey, hash, create))
                .invoke(imports::wake);
    }

    /** The tenant's jobs, newest first; {@code limit} (50, max 200) and {@code cursor}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Page<LeadImportJobView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(imports.cursors(), cursor);
        q.validate();
        return imports.list(caller, size, after);
    }

    /** Status and progress; poll it (the ETag changes with every committed batch). */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@PathParam("id") String id) {
        return imports.get(caller, parseId(id)).map(a -> Response.ok(a.job()).tag(new EntityTag(a.etag())).build());
    }

    /** The rejected rows in row order, with their problems and cells; {@code limit} and {@code cursor}. */
    @GET
    @Path("/{id}/errors")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Page<ImportRowErrorView>> errors(@PathParam("id") String id, @QueryParam("limit") String limit,
                                                @QueryParam("cursor") String cursor) {
        UUID jobId = parseId(id);
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(report.cursors(jobId), cursor);
        q.validate();
        return report.page(caller, jobId, size, after);
    }

    /** The whole error report as a CSV download ({@code Accept: text/csv}), streamed as it is read. */
    @GET
    @Path("/{id}/errors")
    @Produces(TEXT_CSV)
    public RestMulti<String> errorsCsv(@PathParam("id") String id) {
        UUID jobId = parseId(id);
        // a streamed answer passes no response filter: audited here once the job is found visible
        Uni<Void> audited = audit.recordDownload("lead-import.errors-exported", jobId.toString());
        return RestMulti.fromUniResponse(imports.visible(caller, jobId).call(() -> audited), report::csv,
                job -> Map.of("Content-Disposition", List.of("attachment; filename=\"lead-import-" + jobId + "-errors.csv\"")));
    }

    /** Anything that is not a UUID is a job that does not exist. */
    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Lead import " + id);
        }
    }
}
