package com.keystone.crm.platform.chassis.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Test-only endpoints taking every kind of input the platform's input rules check. */
@Path("/test/hardening")
@Produces(MediaType.APPLICATION_JSON)
public class HardeningProbeResource {

    public record Body(String text, Instant at, LocalDate day, BigDecimal amount, Double ratio, List<String> tags,
                       @Valid Nested nested, List<@Valid Nested> items, Integer count, Boolean active, Kind kind) {
    }

    public enum Kind { BUYER, SELLER }

    public record Nested(@jakarta.validation.constraints.NotBlank String name) {
    }

    @POST
    @Path("/body")
    @Consumes(MediaType.APPLICATION_JSON)
    public Body body(@Valid @NotNull Body body) {
        return body;
    }

    @GET
    @Path("/items/{key}")
    public Map<String, String> item(@PathParam("key") String key, @QueryParam("tag") String tag) {
        return Map.of("key", key, "tag", tag == null ? "" : tag);
    }
}
