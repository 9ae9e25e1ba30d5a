package com.keystone.crm.platform.chassis.problem;

import java.util.Locale;
import java.util.Objects;

/**
 * A route whose request body may be larger than {@code crm.http.max-body-bytes} (1 MiB, sized for JSON): a file
 * upload. A service produces one bean per such route and {@link BodySizeLimitFilter} applies its limit there in place
 * of the platform's, before the body is read; every other route keeps the platform limit.
 * {@code quarkus.http.limits.max-body-size} must stay above the largest upload limit (it is the hard stop for bodies
 * sent without a Content-Length).
 * <pre>{@code
 * @Produces @Singleton
 * UploadLimit trainingSetUpload(ScoringConfig config) {
 *     return UploadLimit.post("/api/v1/training-sets", config.training().maxFileBytes() + UploadLimit.ENVELOPE_BYTES);
 * }
 * }</pre>
 *
 * @param method   the HTTP method (upper case)
 * @param path     the request path, without a trailing slash (one is tolerated on requests)
 * @param maxBytes the largest Content-Length accepted on the route
 */
public record UploadLimit(String method, String path, long maxBytes) {
    /** Room for a multipart envelope and its small parts (a mapping, a spec) on top of the file's own limit. */
    public static final long ENVELOPE_BYTES = 1024 * 1024;

    public UploadLimit {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        method = method.toUpperCase(Locale.ROOT);
        path = trimmed(path);
    }

    public static UploadLimit post(String path, long maxBytes) {
        return new UploadLimit("POST", path, maxBytes);
    }

    /** Whether a request with this method and path is this upload. */
    public boolean matches(String requestMethod, String requestPath) {
        return method.equals(requestMethod) && requestPath != null && path.equals(trimmed(requestPath));
    }

    private static String trimmed(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
