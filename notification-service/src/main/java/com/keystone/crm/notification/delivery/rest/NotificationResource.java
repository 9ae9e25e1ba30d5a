package com.keystone.crm.notification.delivery.rest;

import com.keystone.crm.notification.delivery.service.NotificationIntake;
import com.keystone.crm.notification.delivery.service.NotificationService;
import com.keystone.crm.notification.delivery.service.NotificationViews;
import com.keystone.crm.notification.delivery.service.SendCommand;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.DateTimeException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Direct sends and the delivery log (/api/v1/notifications). */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class NotificationResource {
    /** A push's text at most (APNs payloads are at most 4 KB, title and data included). */
    static final int PUSH_TEXT_MAX = 1000;
    private static final Set<String> STATUSES = Set.of("queued", "held", "sending", "sent", "delivered", "failed");

    private final NotificationService notifications;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public NotificationResource(NotificationService notifications, Caller caller, IdempotentCreate idempotentCreate) {
        this.notifications = notifications;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    /** Queues one message (202: it is sent by the delivery worker); its status is at the Location. */
    @POST
    public Uni<Response> send(@Valid @NotNull SendRequest r, @HeaderParam(IdempotentCreate.HEADER) String key, UriInfo uri) {
        check(r);
        SendCommand command = command(r, requestId(r, key));
        notifications.authorize(caller, command);
        return idempotentCreate.create(NotificationService.IDEMPOTENCY_SCOPE, key, r, () -> notifications.send(command)
                .map(n -> Response.accepted(n)
                        .location(uri.getBaseUriBuilder().path("api/v1/notifications").path(n.id().toString()).build())
                        .build()));
    }

    @GET
    public Uni<Page<NotificationViews.Summary>> list(@QueryParam("leadId") String leadId, @QueryParam("status") String status,
                                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(notifications.cursors(), cursor);
        UUID lead = leadId == null ? null : q.uuid("leadId", leadId);
        if (status != null && !STATUSES.contains(status)) {
            q.reject("status", "one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        q.validate();
        return notifications.list(caller, lead, status, size, after);
    }

    /** The providers and their circuit breakers (admins). */
    @GET
    @Path("providers")
    @RolesAllowed(Caller.ADMIN)
    public List<com.keystone.crm.notification.provider.ProviderRegistry.Health> providers() {
        return notifications.providerHealth();
    }

    @GET
    @Path("{id}")
    public Uni<NotificationViews.Detail> get(@PathParam("id") String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Notification " + id);
        }
        return notifications.get(caller, parsed);
    }

    /** The request id: the body's, else one derived from the caller's Idempotency-Key, else a new one. */
    private UUID requestId(SendRequest r, String key) {
        if (r.requestId() != null) {
            return r.requestId();
        }
        if (key != null) {
            IdempotentCreate.check(key);
            String scoped = String.join("\u001f", caller.tenantId(), caller.userId(), key);
            return UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8));
        }
        return UUID.randomUUID();
    }

    /** What bean validation cannot say: the address the channel needs, a body or a template, a real zone. */
    private static void check(SendRequest r) {
        if ("email".equals(r.channel()) && r.to().email() == null) {
            throw invalid("to.email", "required for the email channel");
        }
        if ("sms".equals(r.channel()) && r.to().phone() == null) {
            throw invalid("to.phone", "required for the sms channel");
        }
        if ("push".equals(r.channel()) && r.to().userId() == null) {
            throw invalid("to.userId", "required for the push channel (the user whose devices get it)");
        }
        if (!"push".equals(r.channel()) && r.to().userId() != null) {
            throw invalid("to.userId", "only for the push channel");
        }
        if ("push".equals(r.channel()) && r.body() != null && r.body().length() > PUSH_TEXT_MAX) {
            throw invalid("body", "a push text is at most " + PUSH_TEXT_MAX + " characters");
        }
        if ((r.templateKey() == null) == (r.body() == null)) {
            throw invalid("body", "exactly one of body and templateKey is required");
        }
        if (r.notBefore() != null && (r.notBefore().isAfter(java.time.Instant.now().plus(NotificationIntake.MAX_DELAY))
                || r.notBefore().isBefore(java.time.Instant.parse("2000-01-01T00:00:00Z")))) {
            throw invalid("notBefore", "must be within " + NotificationIntake.MAX_DELAY.toDays() + " days from now");
        }
        if (r.to().timezone() != null) {
            try {
                ZoneId.of(r.to().timezone());
            } catch (DateTimeException e) {
                throw invalid("to.timezone", "unknown time zone");
            }
        }
    }

    /** A 400 naming the field, like bean validation's. */
    static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    private SendCommand command(SendRequest r, UUID requestId) {
        boolean push = "push".equals(r.channel());
        return new SendCommand(caller.tenantId(), requestId, r.channel(), r.category(), push ? "user" : "address",
                r.leadId(), r.to().userId(), r.to().email(), r.to().phone(), r.to().name(), r.to().timezone(),
                r.templateKey(), r.variables(), r.subject(), r.body(), r.locale(), r.notBefore(), caller.userId(),
                null, null, null, null);
    }
}
