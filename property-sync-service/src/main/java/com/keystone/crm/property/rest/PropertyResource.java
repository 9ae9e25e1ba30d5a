package com.keystone.crm.property.rest;

import com.keystone.crm.property.service.PropertySummary;
import com.keystone.crm.property.service.PropertyDetail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.property.service.ListingNormaliser;
import com.keystone.crm.property.service.PropertySearch;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;

/** Listings for the app: /api/v1/properties (search) and /api/v1/properties/{listingKey} (detail). */
@Path("/api/v1/properties")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class PropertyResource {
    private final PropertySearch search;
    private final Caller caller;
    private final ObjectMapper json;

    public PropertyResource(PropertySearch search, Caller caller, ObjectMapper json) {
        this.search = search;
        this.caller = caller;
        this.json = json;
    }

    @GET
    public Uni<Page<PropertySummary>> search(@QueryParam("city") String city, @QueryParam("postalCode") String postalCode,
                                    @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
                                    @QueryParam("minBeds") String minBeds, @QueryParam("minBaths") String minBaths,
                                    @QueryParam("propertyType") String propertyType, @QueryParam("status") String status,
                                    @QueryParam("updatedSince") String updatedSince, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        return search.search(caller.tenantId(), new PropertySearch.Filters(city, postalCode, minPrice, maxPrice, minBeds,
                minBaths, propertyType, status, updatedSince, limit, cursor));
    }

    /** The detail; its ETag changes with the listing and when photo copies land (If-None-Match answers 304). */
    @GET
    @Path("/{listingKey}")
    public Uni<Response> detail(@PathParam("listingKey") String listingKey,
                                @HeaderParam("If-None-Match") String ifNoneMatch) {
        return search.detail(caller.tenantId(), listingKey).map(d -> {
            String tag = etag(d);
            if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + tag + "\"") || ifNoneMatch.trim().equals("*"))) {
                return Response.notModified(new EntityTag(tag)).build();
            }
            return Response.ok(d).tag(new EntityTag(tag)).build();
        });
    }

    private String etag(PropertyDetail d) {
        try {
            String body = json.writeValueAsString(d);
            return d.version() + "-" + ListingNormaliser.sha256Hex(new String(body.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
