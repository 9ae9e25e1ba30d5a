package com.keystone.crm.notification.inbound.rest;

import com.keystone.crm.notification.inbound.service.SesEvents;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * SES notifications (bounce, complaint, delivery) through an SNS HTTP(S) subscription. Public (SNS has no token):
 * every message is verified by its SNS signature. SNS posts JSON as text/plain, so any content type is read as text.
 * A forged, foreign or replayed message is a 403 and changes nothing; a certificate that cannot be fetched is a 503
 * (SNS retries).
 */
@Path("/webhooks/ses")
@PermitAll
public class SesWebhookResource {
    static final String TYPE_HEADER = "x-amz-sns-message-type";

    private final SesEvents events;

    public SesWebhookResource(SesEvents events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@HeaderParam(TYPE_HEADER) String type, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("invalid-webhook", "the body is empty");
        }
        return events.receive(body, type).map(result -> switch (result.outcome()) {
            case APPLIED, CONFIRMED, IGNORED -> Response.noContent().build();
            case REPLAYED -> throw ProblemException.forbidden("replayed-webhook", result.detail());
            case FORGED -> throw ProblemException.forbidden("invalid-webhook-signature", result.detail());
            case UNAVAILABLE -> throw new ProblemException(Problem.of("provider-unavailable", "Service Unavailable", 503,
                    result.detail()));
        });
    }
}
