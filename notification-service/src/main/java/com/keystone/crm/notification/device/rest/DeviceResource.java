package com.keystone.crm.notification.device.rest;

import com.keystone.crm.notification.device.domain.Device;
import com.keystone.crm.notification.device.service.Devices;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's push devices: register (201 new, 200 when the token was known), list, remove. Only one's own devices
 * are visible; another user's id is 404.
 */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class DeviceResource {
    private final Devices devices;
    private final Caller caller;

    public DeviceResource(Devices devices, Caller caller) {
        this.devices = devices;
        this.caller = caller;
    }

    @POST
    public Uni<Response> register(@Valid @NotNull DeviceRequest r, UriInfo uri) {
        if (Device.IOS.equals(r.platform()) && !r.token().matches("[0-9A-Fa-f]{64,200}")) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("token", "an APNs device token: 64 to 200 hex digits"))));
        }
        return devices.register(caller, r.platform(), r.token(), r.appId(), r.leadAlerts()).map(reg -> reg.created()
                ? Response.created(uri.getBaseUriBuilder().path("api/v1/devices").path(reg.device().id().toString()).build())
                .entity(reg.device()).build()
                : Response.ok(reg.device()).build());
    }

    @GET
    public Uni<Map<String, List<Devices.View>>> list() {
        return devices.mine(caller).map(items -> Map.of("items", items));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> remove(@PathParam("id") String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Device " + id);
        }
        return devices.remove(caller, parsed).replaceWith(Response.noContent().build());
    }
}
