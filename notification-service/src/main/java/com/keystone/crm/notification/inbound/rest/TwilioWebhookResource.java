package com.keystone.crm.notification.inbound.rest;

import com.keystone.crm.notification.delivery.service.DeliveryWorker;
import com.keystone.crm.notification.inbound.service.InboundSms;
import com.keystone.crm.notification.inbound.service.StatusCallbackQueue;
import com.keystone.crm.notification.inbound.service.TwilioSignatures;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Twilio's webhooks (public: Twilio has no token; each request is verified by its X-Twilio-Signature). A forged
 * signature or a replayed callback is a 403 and changes nothing.
 */
@Path("/webhooks/twilio")
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhookResource {
    static final String SIGNATURE = "X-Twilio-Signature";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSignatures signatures;
    private final StatusCallbackQueue statusCallbacks;
    private final InboundSms inbound;
    private final DeliveryWorker worker;

    public TwilioWebhookResource(TwilioSignatures signatures, StatusCallbackQueue statusCallbacks, InboundSms inbound,
                                 DeliveryWorker worker) {
        this.signatures = signatures;
        this.statusCallbacks = statusCallbacks;
        this.inbound = inbound;
        this.worker = worker;
    }

    /** A message's status; {@code n} (our request tag in the callback URL) names the delivery. */
    @POST
    @Path("status")
    public Uni<Response> status(@QueryParam("n") String notification, @HeaderParam(SIGNATURE) String signature,
                                MultivaluedMap<String, String> form, UriInfo uri) {
        Map<String, String> params = verified(form, signature, uri);
        UUID id = parse(notification);
        String sid = required(params, "MessageSid");
        String status = required(params, "MessageStatus");
        String errorCode = params.get("ErrorCode");
        return statusCallbacks.apply(id, sid, status, errorCode == null || errorCode.isBlank() ? null : errorCode)
                .map(applied -> {
                    if (!applied) {
                        throw replayed();
                    }
                    return Response.noContent().build();
                });
    }

    /** An inbound SMS; answered with empty TwiML (replies are sent through the delivery queue, and logged). */
    @POST
    @Path("inbound")
    @Produces(MediaType.TEXT_XML)
    public Uni<Response> inbound(@HeaderParam(SIGNATURE) String signature, MultivaluedMap<String, String> form, UriInfo uri) {
        Map<String, String> params = verified(form, signature, uri);
        String sid = required(params, "MessageSid");
        String from = required(params, "From");
        String to = required(params, "To");
        String body = params.getOrDefault("Body", "");
        return inbound.receive(sid, from, to, body).map(outcome -> {
            if (outcome == null) {
                throw replayed();
            }
            worker.wake();
            return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
        });
    }

    private Map<String, String> verified(MultivaluedMap<String, String> form, String signature, UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        if (form != null) {
            for (Map.Entry<String, java.util.List<String>> e : form.entrySet()) {
                if (e.getValue().size() != 1) {
                    throw forbidden("the webhook repeats the parameter " + e.getKey());
                }
                params.put(e.getKey(), e.getValue().get(0));
            }
        }
        if (!signatures.valid(uri.getRequestUri(), params, signature)) {
            throw forbidden("the X-Twilio-Signature does not match this request");
        }
        return params;
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank() || value.length() > 1600) {
            throw ProblemException.badRequest("invalid-webhook", name + " is missing or too long");
        }
        return value;
    }

    private static UUID parse(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-webhook", "n is not a delivery id");
        }
    }

    private static ProblemException forbidden(String detail) {
        return ProblemException.forbidden("invalid-webhook-signature", detail);
    }

    private static ProblemException replayed() {
        return ProblemException.forbidden("replayed-webhook", "this webhook was received before");
    }
}
