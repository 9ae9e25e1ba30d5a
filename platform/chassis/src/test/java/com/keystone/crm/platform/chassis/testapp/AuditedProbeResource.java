package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Routes the test configuration audits (crm.audit.routes.*): a delete and a create answering with Location. */
@Path("/test/audited")
@Authenticated
public class AuditedProbeResource {

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        if (id.startsWith("missing")) {
            throw ProblemException.notFound("The thing");
        }
        return Uni.createFrom().item(Response.noContent().build());
    }

    @POST
    @Path("/jobs")
    public Response create() {
        return Response.accepted().location(URI.create("/test/audited/jobs/job-42")).build();
    }
}
