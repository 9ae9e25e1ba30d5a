package com.keystone.crm.property.client.http;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsException.Kind;
import com.keystone.crm.property.client.ProviderUsage;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;

/**
 * The one HTTP layer both protocol clients use for one provider: Apache HttpClient 5 (classic, blocking, Digest and
 * Basic auth, cookies, streamed entities) behind the provider's {@link RequestGate} budget, a Failsafe retry policy
 * with exponential backoff and jitter for 5xx and I/O failures, a second one that waits out 429s, and a circuit
 * breaker. Every failure that survives becomes an {@link MlsException}. 401 is not retried here: the protocol client
 * re-authenticates and retries once.
 */
public final class ProviderHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProviderHttp.class);
    private static final int ERROR_BODY_LIMIT = 2048;

    private final String providerId;
    private final CloseableHttpClient client;
    private final CredentialsProvider credentials;
    private final CookieStore cookies = new BasicCookieStore();
    private final BasicAuthCache authCache = new BasicAuthCache();
    private final RequestGate gate;
    private final Waiter waiter;
    private final HttpPolicy policy;
    private final CircuitBreaker<Object> breaker;
    private final FailsafeExecutor<Object> executor;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong mediaRequests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong skippedRows = new AtomicLong();
    private final AtomicLong repairedRows = new AtomicLong();
    private volatile QuotaReport quota;

    public ProviderHttp(String providerId, HttpPolicy policy, String userAgent, CredentialsProvider credentials, Waiter waiter) {
        this(providerId, policy, userAgent, credentials, waiter, new RequestGate(policy.requestsPerSecond(), policy.mediaPerHour(), waiter));
    }

    /** With a gate shared beyond this client (the factory keeps one per provider, so a reopened client inherits pauses). */
    public ProviderHttp(String providerId, HttpPolicy policy, String userAgent, CredentialsProvider credentials, Waiter waiter,
                        RequestGate gate) {
        this.providerId = providerId;
        this.policy = policy;
        this.credentials = credentials;
        this.waiter = waiter;
        this.gate = gate;
        Timeout timeout = Timeout.of(policy.requestTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .setMaxConnPerRoute(8).setMaxConnTotal(16).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .setUserAgent(userAgent)
                .disableAutomaticRetries() // retries are Failsafe's, so they go through the budget
                .build();
        this.breaker = CircuitBreaker.builder()
                .handle(TransientFailure.class)
                .withFailureThreshold(policy.breakerFailures())
                .withDelay(policy.breakerDelay())
                .withSuccessThreshold(1)
                .onOpen(e -> LOG.warnf("provider %s: circuit breaker open", providerId))
                .build();
        RetryPolicy<Object> transientRetry = RetryPolicy.builder()
                .handle(TransientFailure.class)
                .withMaxRetries(policy.maxRetries())
                .withBackoff(policy.backoffBase(), policy.backoffMax())
                .withJitter(policy.jitterFactor())
                .onRetry(e -> LOG.debugf("provider %s: retry %d after %s", providerId, e.getAttemptCount(), e.getLastException()))
                .build();
        // the wait itself happens in the gate, so other threads of this provider wait too
        RetryPolicy<Object> throttleRetry = RetryPolicy.builder()
                .handle(Throttled.class)
                .withMaxRetries(policy.maxThrottleWaits())
                .build();
        this.executor = Failsafe.with(throttleRetry, transientRetry, breaker);
    }

    /** Sends the request and hands a 2xx response to the handler while it streams. */
    public <T> T execute(Supplier<ClassicHttpRequest> request, boolean media, BodyHandler<T> handler) {
        return run(request, media, handler);
    }

    /** Sends the request and returns the 2xx response still streaming; the caller closes it. */
    public ClassicHttpResponse open(Supplier<ClassicHttpRequest> request, boolean media) {
        return run(request, media, null);
    }

    private <T> T run(Supplier<ClassicHttpRequest> request, boolean media, BodyHandler<T> handler) {
        try {
            // built once, outside the policies: building may itself call the provider (a token fetch) and fail, which
            // must not count as a success of this request for the breaker; 5xx/429 retries resend the same request
            ClassicHttpRequest built = request.get();
            @SuppressWarnings("unchecked")
            T result = (T) executor.get(() -> attempt(built, media, handler));
            return result;
        } catch (Throttled e) {
            throw new MlsException(Kind.RATE_LIMITED, 429, null, e.getMessage(), e);
        } catch (TransientFailure e) {
            throw new MlsException(Kind.UNAVAILABLE, e.status, null, e.getMessage(), e);
        } catch (CircuitBreakerOpenException e) {
            throw new MlsException(Kind.UNAVAILABLE, null, null, "circuit breaker open for provider " + providerId, e);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof MlsException mls) {
                throw mls;
            }
            throw new MlsException(Kind.MALFORMED, null, null, String.valueOf(cause.getMessage()), cause);
        }
    }

    private Object attempt(ClassicHttpRequest request, boolean media, BodyHandler<?> handler) throws Exception {
        gate.acquire(media);
        requests.incrementAndGet();
        if (media) {
            mediaRequests.incrementAndGet();
        }
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, request, context());
        } catch (IOException e) {
            throw new TransientFailure(null, request.getMethod() + " " + request.getRequestUri() + ": " + e, e);
        }
        boolean handedOver = false;
        try {
            recordQuota(response);
            int status = response.getCode();
            if (status >= 200 && status < 300) {
                if (handler == null) {
                    handedOver = true;
                    return response;
                }
                try {
                    return handler.handle(response);
                } catch (IOException e) {
                    // the body broke off mid-stream; the caller decides whether a partial read is safe to redo
                    throw new MlsException(Kind.UNAVAILABLE, status, null, "response body broke off: " + e, e);
                }
            }
            String body = errorBody(response.getEntity());
            if (status == 429) {
                throttled.incrementAndGet();
                Duration wait = QuotaHeaders.retryAfter(header(response, "Retry-After"), waiter.now()).orElse(policy.defaultRetryAfter());
                gate.pauseUntil(waiter.now().plus(wait));
                LOG.infof("provider %s: 429, no request for %s", providerId, wait);
                throw new Throttled("429 Too Many Requests (Retry-After " + wait.toSeconds() + " s): " + body);
            }
            if ((status >= 500 && status != 501 && status != 505) || status == 408) {
                throw new TransientFailure(status, body, null);
            }
            if (status == 401) {
                throw new MlsException(Kind.AUTHENTICATION, status, null, body, null);
            }
            if (status == 403 && body.toLowerCase(Locale.ROOT).contains("suspend")) {
                throw new MlsException(Kind.SUSPENDED, status, null, body, null);
            }
            throw new MlsException(status == 403 ? Kind.AUTHENTICATION : Kind.REJECTED, status, null, body, null);
        } finally {
            if (!handedOver) {
                response.close();
            }
        }
    }

    /** A per-request context sharing this provider's cookies (RETS-Session-ID), auth cache and credentials. */
    private HttpClientContext context() {
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(cookies);
        context.setAuthCache(authCache);
        if (credentials != null) {
            context.setCredentialsProvider(credentials);
        }
        return context;
    }

    private void recordQuota(ClassicHttpResponse response) {
        Instant now = waiter.now();
        QuotaHeaders.parse(name -> header(response, name), now).ifPresent(report -> {
            quota = report;
            if (report.exhausted() && report.resetsAt() != null) {
                gate.pauseUntil(report.resetsAt());
            }
        });
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static String errorBody(HttpEntity entity) {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(unreadable body: " + e + ")";
        }
    }

    public CookieStore cookies() {
        return cookies;
    }

    public RequestGate gate() {
        return gate;
    }

    /** Rows the parsers skipped (wrong column count); counted here so usage() reports them with the requests. */
    public void countSkippedRow() {
        skippedRows.incrementAndGet();
    }

    /** Rows decoded with the fallback charset (their bytes were not valid in the body's charset). */
    public void countRepairedRows(long rows) {
        repairedRows.addAndGet(rows);
    }

    public ProviderUsage usage() {
        QuotaReport q = quota;
        return new ProviderUsage(requests.get(), mediaRequests.get(), throttled.get(), q == null ? null : q.remaining(),
                q == null ? null : q.limit(), q == null ? null : q.resetsAt(), breaker.getState().name(), skippedRows.get(),
                repairedRows.get());
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** A 5xx, 408, timeout or connection failure: retried with backoff, counted by the breaker. */
    static final class TransientFailure extends RuntimeException {
        final Integer status;

        TransientFailure(Integer status, String message, Throwable cause) {
            super((status != null ? "HTTP " + status + ": " : "") + message, cause);
            this.status = status;
        }
    }

    /** A 429: the gate already holds every request back until Retry-After. */
    static final class Throttled extends RuntimeException {
        Throttled(String message) {
            super(message);
        }
    }

}
