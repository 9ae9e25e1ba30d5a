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
 * the outbox, which the gateway keeps next to its security audit and serves to the tenant's admins.
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
        AuditRecorded event;
        try {
            String tenant = caller.tenantId();
            String actor = caller.userId();
            if (tenant == null || actor == null) {
                return Uni.createFrom().voidItem();
            }
            String target = pathTarget.isEmpty() ? createdId(response) : pathTarget;
            event = AuditRecorded.builder()
                    .withAuditId(UUID.randomUUID())
                    .withTenantId(tenant)
                    .withVersion(1L)
                    .withOccurredAt(clock.now())
                    .withService(service)
                    .withAction(rule.action())
                    .withActorId(cut(actor, 128))
                    .withTargetId(target == null || target.isEmpty() ? null : cut(target, 128))
                    .withMethod(request.getMethod())
                    .withPath(cut(request.getUriInfo().getPath(), 500))
                    .withStatus((long) response.getStatus())
                    .withClientIp(cut(clientIp(request), 64))
                    .withPeerIp(cut(peerIp(), 64))
                    .withUserAgent(cut(request.getHeaderString("User-Agent"), 300))
                    .withRequestId(cut(request.getHeaderString("X-Request-Id"), 128))
                    .build();
        } catch (RuntimeException e) {
            return failed(rule, e);
        }
        Uni<Void> write = Panache.withTransaction(() -> outbox.append(OutboxEvent.of("audit", event.getAuditId().toString(), event)))
                .invoke(() -> metrics.counter("crm.audit.data.access", "action", rule.action()).increment())
                .onFailure().recoverWithUni(e -> failed(rule, e));
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return write;
        }
        // a blocking route answers on a worker thread, where Hibernate Reactive cannot run: write on the request's
        // Vert.x context and wait (the worker thread may block)
        try {
            VertxContextSupport.subscribeAndAwait(() -> write);
        } catch (Throwable e) {
            return failed(rule, e);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> failed(AuditRule rule, Throwable e) {
        LOG.errorf("audit record of %s not written: %s", rule.action(), e.toString());
        metrics.counter("crm.audit.write.failures", "action", rule.action()).increment();
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
    private String clientIp(ContainerRequestContext request) {
        String forwarded = request.getHeaderString("X-Forwarded-For");
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
