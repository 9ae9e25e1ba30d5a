package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.TooManyAttemptsException;
import com.keystone.crm.platform.chassis.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 429 answers carry Retry-After. */
public class GatewayProblemMappers {
    @ServerExceptionMapper
    public Response tooMany(TooManyAttemptsException e, UriInfo uri) {
        return Response.fromResponse(ProblemResponses.of(e.problem().withInstance(uri.getPath())))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }
}
