package com.keystone.crm.platform.chassis.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.UUID;

/**
 * What an {@code updatedSince} list (the app's delta sync, DESIGN §6) answers for a record deleted since: its id and
 * when, so the app drops its copy. {@code mergedInto} names the record a merged-away one lives on in (absent
 * otherwise); the app moves its references there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "deleted", "deletedAt", "mergedInto"})
public record Tombstone(UUID id, Instant deletedAt, UUID mergedInto) {
    /** Always true: a live record of the same list carries no {@code deleted} field. */
    @JsonProperty("deleted")
    public boolean deleted() {
        return true;
    }

    public static Tombstone of(UUID id, Instant deletedAt) {
        return new Tombstone(id, deletedAt, null);
    }
}
