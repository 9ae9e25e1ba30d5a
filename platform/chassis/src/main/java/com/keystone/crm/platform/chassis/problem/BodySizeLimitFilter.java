package com.keystone.crm.platform.chassis.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than {@code crm.http.max-body-bytes} with a 413 problem before it is read.
 * {@code quarkus.http.limits.max-body-size} stays above it as the hard stop for bodies without a length.
 */
public class BodySizeLimitFilter {
    private final long maxBodyBytes;

    public BodySizeLimitFilter(@ConfigProperty(name = "crm.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBodySize(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemResponses.of(Problem.of("bad-request", "Bad Request", 400, "Content-Length is not a number"));
        }
        if (bytes > maxBodyBytes) {
            return ProblemResponses.of(Problem.of("payload-too-large", "Content Too Large", 413,
                    "The body has " + bytes + " bytes; the limit is " + maxBodyBytes)
                    .withInstance(request.getUriInfo().getPath()));
        }
        return null;
    }
}
