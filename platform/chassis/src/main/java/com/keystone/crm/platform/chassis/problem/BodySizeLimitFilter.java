package com.keystone.crm.platform.chassis.problem;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Refuses a body larger than {@code crm.http.max-body-bytes} with a 413 problem before it is read; on a route a
 * service declared as an {@link UploadLimit} its limit applies instead. {@code quarkus.http.limits.max-body-size}
 * stays above both as the hard stop for bodies without a length.
 */
public class BodySizeLimitFilter {
    private final long maxBodyBytes;
    private final List<UploadLimit> uploads;

    @Inject
    public BodySizeLimitFilter(@ConfigProperty(name = "crm.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes,
                               @Any Instance<UploadLimit> uploads) {
        this(maxBodyBytes, uploads.stream().toList());
    }

    public BodySizeLimitFilter(long maxBodyBytes, List<UploadLimit> uploads) {
        this.maxBodyBytes = maxBodyBytes;
        this.uploads = List.copyOf(uploads);
    }

    public BodySizeLimitFilter(long maxBodyBytes) {
        this(maxBodyBytes, List.of());
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
        String path = request.getUriInfo().getPath();
        long limit = limitFor(request.getMethod(), path);
        if (bytes > limit) {
            return ProblemResponses.of(Problem.of("payload-too-large", "Content Too Large", 413,
                    "The body has " + bytes + " bytes; the limit is " + limit).withInstance(path));
        }
        return null;
    }

    /** The upload's limit on a declared upload route, else the platform's. */
    long limitFor(String method, String path) {
        for (UploadLimit u : uploads) {
            if (u.matches(method, path)) {
                return u.maxBytes();
            }
        }
        return maxBodyBytes;
    }
}
