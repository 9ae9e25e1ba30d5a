package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletionException;

/** Test-only endpoints that fail in every way the problem mappers handle. */
@Path("/test/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemProbeResource {
    /** What {@link #boom()} leaks if the 500 mapper ever echoes an exception. */
    public static final String SECRET = "jdbc:postgresql://db.internal:5432/crm password=hunter2";

    @GET
    @Path("/thrown/{kind}")
    public String thrown(@PathParam("kind") String kind) {
        throw problem(kind);
    }

    @GET
    @Path("/failed/{kind}")
    public Uni<String> failed(@PathParam("kind") String kind) {
        return Uni.createFrom().failure(() -> problem(kind));
    }

    /** A ProblemException wrapped by an async stage still answers as the problem. */
    @GET
    @Path("/wrapped")
    public String wrapped() {
        throw new CompletionException(ProblemException.conflict("wrapped-conflict", "wrapped in a CompletionException"));
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("unexpected: " + SECRET);
    }

    @GET
    @Path("/unique-violation")
    public Uni<String> uniqueViolation() {
        return Uni.createFrom().failure(new RuntimeException("ERROR: duplicate key value violates unique constraint (SQLSTATE 23505)"));
    }

    @GET
    @Path("/web/{status}")
    public String web(@PathParam("status") int status) {
        throw new WebApplicationException("Slow down", status);
    }

    @POST
    @Path("/validated")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProbeBody validated(@Valid @NotNull ProbeBody body) {
        return body;
    }

    /** A declared upload route ({@link ProbeUploadLimit}): its own body limit instead of crm.http.max-body-bytes. */
    @POST
    @Path("/upload")
    @Consumes(MediaType.TEXT_PLAIN)
    public int upload(String body) {
        return body.length();
    }

    static ProblemException problem(String kind) {
        return switch (kind) {
            case "not-found" -> ProblemException.notFound("Widget 42");
            case "conflict" -> ProblemException.conflict("widget-exists", "A widget with this name exists");
            case "precondition-failed" -> ProblemException.preconditionFailed("If-Match \"3\" does not match ETag \"4\"");
            case "unprocessable" -> ProblemException.unprocessable("unknown-agent", "assignedAgentId ghost is not an agent");
            case "forbidden" -> ProblemException.forbidden("assignment-not-allowed", "Agents assign only to themselves");
            case "bad-request" -> ProblemException.badRequest("invalid-cursor", "The cursor is not one this service issued");
            case "unauthorized" -> ProblemException.unauthorized("unauthenticated", "The token has no subject");
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
