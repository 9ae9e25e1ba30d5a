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
 * sits above it so such requests reach this route), and the router's 400/414 failures (a URI it cannot decode) get a
 * problem body instead of an empty one.
 */
@ApplicationScoped
public class HttpLayerProblems {
    private final int maxUriLength;

    public HttpLayerProblems(@ConfigProperty(name = "crm.http.max-uri-length", defaultValue = "8192") int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limitUri);
        router.errorHandler(400, ctx -> answer(ctx, Problem.of("bad-request", "Bad Request", 400, "The request is malformed")));
        router.errorHandler(414, ctx -> answer(ctx, uriTooLong()));
    }

    void limitUri(RoutingContext ctx) {
        if (ctx.request().uri().length() > maxUriLength) {
            answer(ctx, uriTooLong());
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
