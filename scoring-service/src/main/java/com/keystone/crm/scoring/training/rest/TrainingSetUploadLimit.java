package com.keystone.crm.scoring.training.rest;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemResponses;
import com.keystone.crm.scoring.config.ScoringConfig;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The training-set upload's own body limit (crm.scoring.training.max-file-bytes plus the multipart envelope) in
 * place of the platform's JSON limit (crm.http.max-body-bytes, 1 MiB), which a real export exceeds. Runs before the
 * platform's filter and, for the upload only, hides the checked Content-Length from it (as lead-service's import).
 */
public class TrainingSetUploadLimit {
    static final String UPLOAD_PATH = "/api/v1/training-sets";
    static final long ENVELOPE_BYTES = 1024 * 1024;

    private final long maxRequestBytes;

    public TrainingSetUploadLimit(ScoringConfig config) {
        this.maxRequestBytes = config.training().maxFileBytes() + ENVELOPE_BYTES;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER - 100)
    public Response limitUpload(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !(path.equals(UPLOAD_PATH) || path.equals(UPLOAD_PATH + "/"))) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the platform filter answers the malformed header
        }
        if (bytes > maxRequestBytes) {
            return ProblemResponses.of(Problem.of("payload-too-large", "Content Too Large", 413,
                    "The upload has " + bytes + " bytes; the limit is " + maxRequestBytes).withInstance(UPLOAD_PATH));
        }
        request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        return null;
    }
}
