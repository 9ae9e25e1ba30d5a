package com.keystone.crm.platform.chassis.http;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers the HTTP layer gives before any resource runs also as problem+json: a URI longer than
 * {@code crm.http.max-uri-length} is a 414 (the codec's own limit, {@code quarkus.http.limits.max-initial-line-length},
 * sits above it so such requests reach this route), a URI that is not valid (an invalid percent-escape such as
 * {@code %zz}, percent-escapes that are not UTF-8, a space) is a 400 naming what is wrong ({@link UriCheck}; Quarkus's
 * own check, which answered with an empty body, is handed over to this route by {@link UriProblemsHandover}), and the
 * router's remaining 400/414 failures get a problem body instead of an empty one.
 */
@ApplicationScoped
public class HttpLayerProblems {
    private final int maxUriLength;

    public HttpLayerProblems(@ConfigProperty(name = "crm.http.max-uri-length", defaultValue = "8192") int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkUri).failureHandler(this::failed);
        router.errorHandler(400, ctx -> answer(ctx, Problem.of("bad-request", "Bad Request", 400, "The request is malformed")));
        router.errorHandler(414, ctx -> answer(ctx, uriTooLong()));
    }

    void checkUri(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            answer(ctx, uriTooLong());
            return;
        }
        String invalid = UriCheck.problem(uri);
        if (invalid != null) {
            answer(ctx, Problem.of("invalid-uri", "Bad Request", 400, "The request URI is not valid: " + invalid));
            return;
        }
        ctx.next();
    }

    /** A body the router's own handlers could not decode (multipart, forms) is the caller's 400, not a 500. */
    void failed(RoutingContext ctx) {
        if (ctx.failure() != null && com.keystone.crm.platform.chassis.problem.ProblemMappers.isMalformedBody(ctx.failure())) {
            answer(ctx, Problem.of("malformed-body", "Bad Request", 400,
                    "The body could not be read (an empty, truncated or malformed multipart or form body)"));
            return;
        }
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            answer(ctx, Problem.of("payload-too-large", "Content Too Large", 413, "The body is too large"));
            return;
        }
        ctx.next();
    }

    private Problem uriTooLong() {
        return Problem.of("uri-too-long", "URI Too Long", 414, "The URI is longer than " + maxUriLength + " characters");
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(ProblemResponses.json(problem));
    }
}
