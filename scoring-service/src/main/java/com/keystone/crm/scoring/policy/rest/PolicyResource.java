package com.keystone.crm.scoring.policy.rest;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.policy.domain.ScoringPolicy;
import com.keystone.crm.scoring.policy.service.PolicyService;
import com.keystone.crm.scoring.policy.service.PolicyView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tenant's scoring policy: /api/v1/scoring-policy (labels and the rule-based points table; admins edit). */
@Path("/api/v1/scoring-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private static final Pattern ETAG = Pattern.compile("^\"policy-(\\d{1,18})\"$");

    private final PolicyService policies;
    private final Caller caller;

    public PolicyResource(PolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Response> get() {
        return policies.get(caller.tenantId()).map(PolicyResource::ok);
    }

    /** Replaces the policy; If-Match with the ETag of the last read is required (412 when it changed, 428 without). */
    @PUT
    @RolesAllowed(Caller.ADMIN)
    public Uni<Response> replace(@Valid @NotNull ScoringPolicy policy, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        if (ifMatch == null) {
            throw new ProblemException(com.keystone.crm.platform.chassis.problem.Problem.of("precondition-required",
                    "Precondition Required", 428, "Send If-Match with the policy's ETag"));
        }
        Matcher m = ETAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw ProblemException.preconditionFailed("If-Match is not an ETag of this policy");
        }
        return policies.replace(caller, policy, Long.parseLong(m.group(1))).map(PolicyResource::ok);
    }

    private static Response ok(PolicyView view) {
        return Response.ok(view.policy()).tag(new EntityTag(view.etag().replace("\"", ""))).build();
    }
}
