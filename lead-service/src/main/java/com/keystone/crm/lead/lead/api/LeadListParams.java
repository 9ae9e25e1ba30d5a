package com.keystone.crm.lead.lead.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import java.math.BigDecimal;
import java.util.List;

/** Query parameters of GET /api/v1/leads. */
public class LeadListParams {
    @QueryParam("status")
    public List<String> status;
    @QueryParam("assigneeId")
    @Size(max = 64)
    public String assigneeId;
    @QueryParam("source")
    public String source;
    @QueryParam("tag")
    @Size(max = 50)
    public String tag;
    /** Score tier: hot, warm, cool, cold. */
    @QueryParam("tier")
    @Pattern(regexp = "^(hot|warm|cool|cold)$", message = "must be hot, warm, cool or cold")
    public String tier;
    @QueryParam("scoreMin")
    @DecimalMin("0")
    @DecimalMax("100")
    public BigDecimal scoreMin;
    @QueryParam("scoreMax")
    @DecimalMin("0")
    @DecimalMax("100")
    public BigDecimal scoreMax;
    /** ISO-8601 instant: leads changed at or after it, deleted ones as tombstones (the app's delta sync). */
    @QueryParam("updatedSince")
    @ValidInstant
    public String updatedSince;
    /** Free text over name, email and phone. */
    @QueryParam("q")
    @Size(max = 100)
    public String q;
    @QueryParam("sort")
    @DefaultValue("-updatedAt")
    @Pattern(regexp = "^-?(updatedAt|createdAt|score|lastName)$", message = "must be one of updatedAt, createdAt, score, lastName, optionally prefixed with -")
    public String sort;
    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(200)
    public int limit;
    @QueryParam("cursor")
    @Size(max = 500)
    public String cursor;
}
