package com.keystone.crm.gateway.proxy;

import com.keystone.crm.gateway.config.GatewayConfig;
import com.keystone.crm.gateway.security.AccessTokenVerifier;
import com.keystone.crm.gateway.security.InvalidTokenException;
import com.keystone.crm.platform.chassis.observability.CurrentTraceparent;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemResponses;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * /api/v1/** of the route table, proxied to the owning service: per-address limit, token check (signature, claims,
 * revocation), per-user limit, body size limit, then the call through {@link UpstreamCaller}. The caller's bearer
 * token is forwarded (services verify it again); X-Request-Id is propagated or started here, and the service gets
 * the traceparent of the gateway's own server span (OpenTelemetry), so one trace runs from the caller on.
 * Failures are problem+json: 503 when the service is down or its breaker is open, 504 when it is too slow,
 * 502 when its answer is broken.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    static final String REQUEST_ID = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouteTable table;
    private final UpstreamCaller upstream;
    private final AccessTokenVerifier verifier;
    private final EdgeRateLimiter limiter;
    private final GatewayConfig config;

    public ProxyRoutes(RouteTable table, UpstreamCaller upstream, AccessTokenVerifier verifier, EdgeRateLimiter limiter,
                       GatewayConfig config) {
        this.table = table;
        this.upstream = upstream;
        this.verifier = verifier;
        this.limiter = limiter;
        this.config = config;
    }

    void register(@Observes Router router) {
        for (RouteTable.Route route : table.routes()) {
            String regex = "^" + Pattern.quote(route.prefix()) + "(/.*)?$";
            // two routes: the guard runs before the body is read (a body handler must come first on its route)
            router.routeWithRegex(regex).order(-20).handler(this::guard).failureHandler(this::failed);
            router.routeWithRegex(regex).order(-19)
                    .handler(ctx -> collectBody(ctx, route))
                    .failureHandler(this::failed);
        }
    }

    /** Before the body is read: request id, limits, token. */
    void guard(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        // the body is read by collectBody once the request passed; until then it waits in the connection
        req.pause();
        String requestId = req.getHeader(REQUEST_ID);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        ctx.put(REQUEST_ID, requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);

        String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        ctx.put("client-ip", ip);
        Duration wait = limiter.forIp(ip);
        if (!wait.isZero()) {
            tooMany(ctx, wait);
            return;
        }
        JwtClaims claims;
        String subject;
        try {
            claims = verifier.verify(AccessTokenVerifier.bearer(req.getHeader("Authorization")));
            subject = claims.getSubject();
        } catch (InvalidTokenException | MalformedClaimException e) {
            LOG.debugf("refused token: %s", e.getMessage());
            problem(ctx, Problem.of("unauthenticated", "Unauthorized", 401, "A valid bearer token is required"));
            return;
        }
        wait = limiter.forUser(subject);
        if (!wait.isZero()) {
            tooMany(ctx, wait);
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > config.maxBodyBytes()) {
                    problem(ctx, tooLarge());
                    return;
                }
            } catch (NumberFormatException e) {
                problem(ctx, Problem.of("bad-request", "Bad Request", 400, "Content-Length is not a number"));
                return;
            }
        }
        ctx.next();
    }

    /**
     * Reads the body as bytes, whatever its type, up to the limit. Not Vert.x's BodyHandler: it parses multipart and
     * form bodies into attributes and leaves no bytes to forward (every CSV import through the gateway failed).
     * The service parses the body; a truncated or empty multipart body is its 400 to give.
     */
    void collectBody(RoutingContext ctx, RouteTable.Route route) {
        HttpServerRequest req = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > config.maxBodyBytes()) {
                refused[0] = true;
                problem(ctx, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            if (!refused[0]) {
                refused[0] = true;
                problem(ctx, Problem.of("bad-request", "Bad Request", 400, "The request body could not be read"));
            }
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                forward(ctx, route, body);
            }
        });
        req.resume();
    }

    void forward(RoutingContext ctx, RouteTable.Route route, Buffer body) {
        HttpServerRequest req = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        req.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(REQUEST_ID, (String) ctx.get(REQUEST_ID));
        propagateTrace(req, headers);
        String forwardedFor = req.getHeader("X-Forwarded-For");
        String ip = ctx.get("client-ip");
        headers.set("X-Forwarded-For", forwardedFor == null ? ip : forwardedFor + ", " + ip);
        headers.set("X-Forwarded-Proto", req.scheme() == null ? "http" : req.scheme());
        if (req.authority() != null) {
            headers.set("X-Forwarded-Host", req.authority().toString());
        }
        upstream.send(route.service(), req.method(), route.baseUrl() + req.uri(), headers, body)
                .onSuccess(answer -> relay(ctx, route, answer))
                .onFailure(failure -> upstreamFailed(ctx, route, failure));
    }

    /**
     * The service continues the gateway's own span (itself a child of the caller's traceparent, if any). Without a
     * current span (tracing switched off) the caller's valid traceparent is passed on, or a new trace started.
     */
    static void propagateTrace(HttpServerRequest req, MultiMap headers) {
        headers.remove(TRACEPARENT);
        headers.remove("tracestate");
        String own = CurrentTraceparent.value();
        if (own != null) {
            headers.set(TRACEPARENT, own);
            return;
        }
        String traceparent = req.getHeader(TRACEPARENT);
        headers.set(TRACEPARENT, traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches()
                ? traceparent : newTraceparent());
    }

    private static void relay(RoutingContext ctx, RouteTable.Route route, HttpResponse<Buffer> answer) {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
            return;
        }
        res.setStatusCode(answer.statusCode());
        answer.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                res.headers().add(h.getKey(), h.getValue());
            }
        });
        res.headers().set(REQUEST_ID, (String) ctx.get(REQUEST_ID));
        // answers of the API carry personal data: no cache may keep them (whatever the service said)
        res.headers().set("Cache-Control", "no-store");
        // the service builds absolute links from its own address; the caller only knows the gateway's
        String location = answer.getHeader("Location");
        if (location != null && location.startsWith(route.baseUrl()) && ctx.request().authority() != null) {
            res.headers().set("Location", ctx.request().scheme() + "://" + ctx.request().authority()
                    + location.substring(route.baseUrl().length()));
        }
        Buffer body = answer.body();
        if (body == null) {
            res.end();
        } else {
            res.end(body);
        }
    }

    private void upstreamFailed(RoutingContext ctx, RouteTable.Route route, Throwable failure) {
        Problem p;
        if (failure instanceof OpenCircuitException) {
            p = Problem.of("service-unavailable", "Service Unavailable", 503, route.service() + " is unavailable; retry later");
        } else if (UpstreamCaller.isConnectFailure(failure)) {
            p = Problem.of("service-unavailable", "Service Unavailable", 503, route.service() + " cannot be reached; retry later");
        } else if (isTimeout(failure)) {
            p = Problem.of("gateway-timeout", "Gateway Timeout", 504, route.service() + " did not answer in time");
        } else {
            LOG.warnf("%s failed: %s", route.service(), failure.toString());
            p = Problem.of("bad-gateway", "Bad Gateway", 502, route.service() + " gave no valid answer");
        }
        if (p.status() == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        problem(ctx, p);
    }

    void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            problem(ctx, tooLarge());
            return;
        }
        Throwable failure = ctx.failure();
        if (failure != null) {
            LOG.warn("proxy failure", failure);
        }
        problem(ctx, Problem.of("bad-gateway", "Bad Gateway", 502, "The request could not be forwarded"));
    }

    private Problem tooLarge() {
        return Problem.of("payload-too-large", "Content Too Large", 413, "The body is larger than " + config.maxBodyBytes() + " bytes");
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void tooMany(RoutingContext ctx, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        problem(ctx, Problem.of("too-many-requests", "Too Many Requests", 429, "Rate limit exceeded; retry after " + seconds + " s"));
    }

    static void problem(RoutingContext ctx, Problem problem) {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
            return;
        }
        res.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            res.putHeader("WWW-Authenticate", "Bearer");
        }
        res.end(ProblemResponses.json(problem.withInstance(ctx.request().path())));
    }

    static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
