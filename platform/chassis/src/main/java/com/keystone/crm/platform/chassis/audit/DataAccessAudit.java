package com.keystone.crm.platform.chassis.audit;

import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.AuditRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit of data access DESIGN §5 promises (issue #10 item 4): who (the token's user and tenant), what (the
 * configured action and the record's id), when, and from where (the client address the gateway forwarded in
 * {@code X-Forwarded-For}, the TCP peer, the {@code User-Agent}, the {@code X-Request-Id}). A service lists its audited
 * routes in configuration, with no code: {@code crm.audit.routes.<name>=<action> <METHOD> <path template> [media type]}
 * (see {@link AuditRule}); every successful (2xx) answer of such a route becomes an {@code audit.recorded} event through
 * the outbox, which the gateway keeps next to its security audit and serves to the tenant's admins. A streamed answer
 * (a {@code Multi}, e.g. a CSV download) never reaches response filters: its resource records it with
 * {@link #recordDownload} (capture the Uni when the request arrives, subscribe it once the download is allowed).
 *
 * <p>The record is written in its own transaction after the route's effect committed and before the answer leaves
 * (the answer waits for it). A write that fails is logged and counted ({@code crm_audit_write_failures_total}) and
 * the answer stays: the change has happened and must be reported as such. Requests a route refuses (4xx, 5xx) are
 * not data access and are not recorded here.
 */
@ApplicationScoped
public class DataAccessAudit {
    private static final Logger LOG = Logger.getLogger(DataAccessAudit.class);
    static final String PREFIX = "crm.audit.routes.";

    private final List<AuditRule> rules = new ArrayList<>();
    private final OutboxWriter outbox;
    private final Caller caller;
    private final CrmClock clock;
    private final MeterRegistry metrics;
    private final String service;
    private final CurrentVertxRequest vertxRequest;

    public DataAccessAudit(Config config, OutboxWriter outbox, Caller caller, CrmClock clock, MeterRegistry metrics,
                           CurrentVertxRequest vertxRequest, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.vertxRequest = vertxRequest;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
        this.metrics = metrics;
        this.service = service;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                rules.add(AuditRule.parse(config.getValue(name, String.class)));
            }
        }
    }

    public List<AuditRule> rules() {
        return List.copyOf(rules);
    }

    @ServerResponseFilter
    public Uni<Void> afterAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        if (rules.isEmpty() || response.getStatus() < 200 || response.getStatus() > 299) {
            return Uni.createFrom().voidItem();
        }
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        String mediaType = response.getMediaType() == null ? null : response.getMediaType().toString();
        for (AuditRule rule : rules) {
            String target = rule.match(method, path, mediaType);
            if (target != null) {
                return record(rule, target, request, response);
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> record(AuditRule rule, String pathTarget, ContainerRequestContext request, ContainerResponseContext response) {
        String target = pathTarget.isEmpty() ? createdId(response) : pathTarget;
        return write(rule.action(), target, new Access(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(),
                clientIp(request.getHeaderString("X-Forwarded-For")), request.getHeaderString("User-Agent"),
                request.getHeaderString("X-Request-Id")));
    }

    /**
     * Records a download whose answer is streamed (a {@code Multi}): response filters do not run for those
     * (RESTEasy Reactive streams before any filter could see an answer), so a configured route never matches them.
     * The resource calls this while handling the request (who and from where are read then) and subscribes the
     * answer once the download is allowed and about to start (status 200).
     */
    public Uni<Void> recordDownload(String action, String targetId) {
        RoutingContext current = vertxRequest.getCurrent();
        if (current == null) {
            return failed(action, new IllegalStateException("no current HTTP request"));
        }
        var request = current.request();
        return write(action, targetId, new Access(request.method().name(), request.path(), 200,
                clientIp(request.getHeader("X-Forwarded-For")), request.getHeader("User-Agent"), request.getHeader("X-Request-Id")));
    }

    /** What the audit keeps of one request. */
    private record Access(String method, String path, int status, String clientIp, String userAgent, String requestId) {
    }

    private Uni<Void> write(String action, String target, Access access) {
        AuditRecorded event;
        try {
            String tenant = caller.tenantId();
            String actor = caller.userId();
            if (tenant == null || actor == null) {
                return Uni.createFrom().voidItem();
            }
            event = AuditRecorded.builder()
                    .withAuditId(UUID.randomUUID())
                    .withTenantId(tenant)
                    .withVersion(1L)
                    .withOccurredAt(clock.now())
                    .withService(service)
                    .withAction(action)
                    .withActorId(cut(actor, 128))
                    .withTargetId(target == null || target.isEmpty() ? null : cut(target, 128))
                    .withMethod(access.method())
                    .withPath(cut(access.path(), 500))
                    .withStatus((long) access.status())
                    .withClientIp(cut(access.clientIp(), 64))
                    .withPeerIp(cut(peerIp(), 64))
                    .withUserAgent(cut(access.userAgent(), 300))
                    .withRequestId(cut(access.requestId(), 128))
                    .build();
        } catch (RuntimeException e) {
            return failed(action, e);
        }
        Uni<Void> write = Panache.withTransaction(() -> outbox.append(OutboxEvent.of("audit", event.getAuditId().toString(), event)))
                .invoke(() -> metrics.counter("crm.audit.data.access", "action", action).increment())
                .onFailure().recoverWithUni(e -> failed(action, e));
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return write;
        }
        // a blocking route answers on a worker thread, where Hibernate Reactive cannot run: write on the request's
        // Vert.x context and wait (the worker thread may block)
        try {
            VertxContextSupport.subscribeAndAwait(() -> write);
        } catch (Throwable e) {
            return failed(action, e);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> failed(String action, Throwable e) {
        LOG.errorf("audit record of %s not written: %s", action, e.toString());
        metrics.counter("crm.audit.write.failures", "action", action).increment();
        return Uni.createFrom().voidItem();
    }

    /** A create answers with Location: its last segment names the new record (an import job). */
    private static String createdId(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst("Location");
        if (location == null) {
            return null;
        }
        String path = location instanceof URI u ? u.getPath() : URI.create(location.toString()).getPath();
        if (path == null) {
            return null;
        }
        String[] parts = path.split("/");
        return parts.length == 0 ? null : parts[parts.length - 1];
    }

    /** The first X-Forwarded-For hop (set by the gateway), else the peer. */
    private String clientIp(String forwarded) {
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return peerIp();
    }

    private String peerIp() {
        RoutingContext current = vertxRequest.getCurrent();
        if (current == null || current.request().remoteAddress() == null) {
            return null;
        }
        return current.request().remoteAddress().hostAddress();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
