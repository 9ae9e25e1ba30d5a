package com.keystone.crm.gateway.proxy;

import com.keystone.crm.gateway.config.GatewayConfig;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.ConnectException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a request to a service through that service's circuit breaker (Vert.x; its failure policy counts only
 * upstream-health failures, {@link #unhealthy}), with a timeout, retrying only idempotent methods and only when the
 * service could not be reached or answered 502/503/504.
 */
@ApplicationScoped
public class UpstreamCaller {
    static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);

    private final Vertx vertx;
    private final GatewayConfig config;
    private final WebClient client;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public UpstreamCaller(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setFollowRedirects(false)
                .setUserAgentEnabled(false)
                .setKeepAlive(true)
                .setMaxPoolSize(50));
    }

    /** The upstream's answer (any status), or a failure: {@link OpenCircuitException}, a connect failure, a timeout. */
    public Future<HttpResponse<Buffer>> send(String service, HttpMethod method, String url, MultiMap headers, Buffer body) {
        int attempts = 1 + (IDEMPOTENT.contains(method) ? Math.max(0, config.idempotentRetries()) : 0);
        return attempt(service, method, url, headers, body, 1, attempts);
    }

    public CircuitBreaker breaker(String service) {
        return breakers.computeIfAbsent(service, name -> CircuitBreaker.create(name, vertx, new CircuitBreakerOptions()
                        .setMaxFailures(config.breaker().maxFailures())
                        .setTimeout(-1)
                        .setResetTimeout(config.breaker().resetTimeout().toMillis()))
                .failurePolicy(UpstreamCaller::unhealthy));
    }

    /**
     * What counts against a service's breaker: only what says the service is unhealthy (it could not be reached, it
     * timed out, it answered 502/503/504). Any other answer, a 4xx or a 500 a request provoked, is that request's
     * outcome: counting it would let one caller's bad requests open the breaker for every user.
     */
    static boolean unhealthy(Future<HttpResponse<Buffer>> outcome) {
        if (outcome.failed()) {
            return true;
        }
        return retryable(outcome.result().statusCode());
    }

    private Future<HttpResponse<Buffer>> attempt(String service, HttpMethod method, String url, MultiMap headers, Buffer body,
                                                 int attempt, int attempts) {
        // the breaker fails the call when its policy counts an answer (502/503/504) as a failure: keep the answer
        AtomicReference<HttpResponse<Buffer>> answer = new AtomicReference<>();
        Future<HttpResponse<Buffer>> call = config.breaker().enabled()
                ? breaker(service).execute(promise -> once(method, url, headers, body).onSuccess(answer::set).onComplete(promise))
                : once(method, url, headers, body);
        return call.recover(failure -> answer.get() != null ? Future.succeededFuture(answer.get()) : Future.failedFuture(failure))
                .compose(response -> {
            if (attempt < attempts && retryable(response.statusCode())) {
                return later(attempt).compose(v -> attempt(service, method, url, headers, body, attempt + 1, attempts));
            }
            return Future.succeededFuture(response);
        }, failure -> {
            if (attempt < attempts && !(failure instanceof OpenCircuitException) && isConnectFailure(failure)) {
                return later(attempt).compose(v -> attempt(service, method, url, headers, body, attempt + 1, attempts));
            }
            return Future.failedFuture(failure);
        });
    }

    private Future<HttpResponse<Buffer>> once(HttpMethod method, String url, MultiMap headers, Buffer body) {
        HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(config.timeout().toMillis());
        request.headers().addAll(headers);
        return body == null || body.length() == 0 ? request.send() : request.sendBuffer(body);
    }

    private Future<Void> later(int attempt) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(50L * attempt * attempt, id -> p.complete());
        return p.future();
    }

    private static boolean retryable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    static boolean isConnectFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void close() {
        client.close();
        breakers.values().forEach(CircuitBreaker::close);
    }
}
