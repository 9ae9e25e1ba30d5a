package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.security.KeyRing;
import com.keystone.crm.platform.chassis.time.CrmClock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** The public keys services verify access tokens with (RFC 7517), the signing key and the retired ones still valid. */
@Path("/.well-known/jwks.json")
public class JwksResource {
    private final KeyRing keys;
    private final CrmClock clock;

    public JwksResource(KeyRing keys, CrmClock clock) {
        this.clock = clock;
        this.keys = keys;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        return Response.ok(keys.jwks(clock.now()), "application/json").header("Cache-Control", "public, max-age=300").build();
    }
}
