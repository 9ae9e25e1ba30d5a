package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.InvalidCursorException;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.NativeSql;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The app's queries: search with filters and keyset (cursor) pagination by (updatedAt, provider, ListingKey), which
 * also serves the app's delta sync with updatedSince; and the detail of one listing. Always within the caller's tenant.
 */
@ApplicationScoped
public class PropertySearch {
    public static final int MAX_LIMIT = 200;
    static final String LIST = "properties";

    static final String SELECT = "SELECT p.listing_key, cast(p.provider_id as text), p.listing_id, p.standard_status, "
            + "p.property_type, cast(p.list_price as text), cast(p.bedrooms_total as text), cast(p.bathrooms_total as text), "
            + "p.city, p.postal_code, p.listing->>'UnparsedAddress', to_json(p.modification_timestamp)#>>'{}', "
            + "to_json(p.updated_at)#>>'{}', cast(p.removed as text), cast(p.version as text), "
            + "(SELECT coalesce(CASE WHEN m.copied_modification_timestamp IS NOT DISTINCT FROM m.media_modification_timestamp "
            + "THEN b.s3_key END, '!' || m.provider_url) FROM media m LEFT JOIN media_blob b ON b.content_sha256 = m.content_sha256 "
            + "WHERE m.provider_id = p.provider_id AND m.listing_key = p.listing_key ORDER BY m.media_order, m.media_key LIMIT 1) "
            + "FROM property p WHERE p.tenant_id = ?1";
    static final String DETAIL = "SELECT cast(p.listing as text), cast(p.provider_id as text), cast(p.version as text), "
            + "cast(p.removed as text), to_json(p.updated_at)#>>'{}' FROM property p WHERE p.tenant_id = ?1 "
            + "AND p.listing_key = ?2 ORDER BY p.removed, p.updated_at DESC LIMIT 1";

    private final MediaRepository media;
    private final MediaUrls urls;
    private final CursorCodec cursors;

    public PropertySearch(MediaRepository media, MediaUrls urls, CursorCodec cursors) {
        this.media = media;
        this.urls = urls;
        this.cursors = cursors;
    }

    /** Search filters as received (strings, so bad values answer a problem naming the field). */
    public record Filters(String city, String postalCode, String minPrice, String maxPrice, String minBeds,
                          String minBaths, String propertyType, String status, String updatedSince, String limit,
                          String cursor) {
    }

    @WithSession
    public Uni<Page<PropertySummary>> search(String tenantId, Filters f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        BigDecimal minPrice = decimal("minPrice", f.minPrice(), errors);
        BigDecimal maxPrice = decimal("maxPrice", f.maxPrice(), errors);
        Integer minBeds = integer("minBeds", f.minBeds(), 0, 1000, errors);
        Integer minBaths = integer("minBaths", f.minBaths(), 0, 1000, errors);
        Integer limitValue = integer("limit", f.limit(), 1, MAX_LIMIT, errors);
        int limit = limitValue == null ? 50 : limitValue;
        Instant since = instant("updatedSince", f.updatedSince(), errors);
        Keyset keyset = cursors.list(LIST);
        Cursor cursor = cursor(keyset, f.cursor(), errors);
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            errors.add(new Problem.FieldError("minPrice", "must not exceed maxPrice"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-query", "Bad Request", 400, "Some filters are invalid")
                    .withErrors(errors));
        }
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        add(sql, params, f.city(), "lower(p.city) = lower(?)");
        add(sql, params, f.postalCode(), "p.postal_code = ?");
        add(sql, params, minPrice, "p.list_price >= cast(cast(? as text) as numeric)");
        add(sql, params, maxPrice, "p.list_price <= cast(cast(? as text) as numeric)");
        add(sql, params, minBeds, "p.bedrooms_total >= cast(cast(? as text) as int)");
        add(sql, params, minBaths, "p.bathrooms_total >= cast(cast(? as text) as int)");
        add(sql, params, f.propertyType(), "p.property_type = ?");
        add(sql, params, f.status(), "p.standard_status = ?");
        add(sql, params, since, "p.updated_at >= cast(cast(? as text) as timestamptz)");
        if (since == null) {
            sql.append(" AND NOT p.removed"); // a delta sync (updatedSince) also hears of removals
        }
        if (cursor != null) {
            sql.append(" AND (p.updated_at, p.provider_id, p.listing_key) > (cast(cast(?").append(params.size() + 1)
                    .append(" as text) as timestamptz), cast(cast(?").append(params.size() + 2)
                    .append(" as text) as uuid), ?").append(params.size() + 3).append(")");
            params.add(cursor.key(0));
            params.add(cursor.key(1));
            params.add(cursor.id());
        }
        sql.append(" ORDER BY p.updated_at, p.provider_id, p.listing_key LIMIT ").append(limit + 1);
        return NativeSql.rows(sql.toString(), params.toArray()).map(rows -> keyset.page(rows, limit, this::summary,
                last -> Cursor.at(NativeSql.text(last, 0), NativeSql.text(last, 12), NativeSql.text(last, 1))));
    }

    @WithSession
    public Uni<PropertyDetail> detail(String tenantId, String listingKey) {
        return NativeSql.rows(DETAIL, tenantId, listingKey).chain(rows -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("The listing");
            }
            Object[] r = rows.get(0);
            UUID providerId = UUID.fromString(NativeSql.text(r, 1));
            return media.forListings(providerId, List.of(listingKey)).map(photos -> new PropertyDetail(listingKey,
                    providerId.toString(), NativeSql.number(r, 2), Boolean.parseBoolean(NativeSql.text(r, 3)),
                    NativeSql.instant(r, 4), ListingNormaliser.parse(NativeSql.text(r, 0)),
                    photos.stream().map(m -> new PropertyDetail.Photo(m.mediaKey(), m.order(), m.category(),
                            m.s3Key() != null ? urls.publicUrl(m.s3Key()) : m.providerUrl(), m.providerUrl(),
                            m.s3Key() != null, m.modificationTimestamp())).toList()));
        });
    }

    private PropertySummary summary(Object[] r) {
        String photo = NativeSql.text(r, 15);
        String photoUrl = photo == null ? null : photo.startsWith("!") ? photo.substring(1) : urls.publicUrl(photo);
        String price = NativeSql.text(r, 5);
        String beds = NativeSql.text(r, 6);
        String baths = NativeSql.text(r, 7);
        return new PropertySummary(NativeSql.text(r, 0), NativeSql.text(r, 1), NativeSql.text(r, 2),
                NativeSql.text(r, 3), NativeSql.text(r, 4), price == null ? null : new BigDecimal(price),
                beds == null ? null : Integer.valueOf(beds), baths == null ? null : Integer.valueOf(baths),
                NativeSql.text(r, 8), NativeSql.text(r, 9), NativeSql.text(r, 10), NativeSql.instant(r, 11),
                NativeSql.instant(r, 12), Boolean.parseBoolean(NativeSql.text(r, 13)), NativeSql.number(r, 14), photoUrl);
    }

    private static void add(StringBuilder sql, List<Object> params, Object value, String condition) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return;
        }
        params.add(value.toString());
        sql.append(" AND ").append(condition.replace("?", "?" + params.size()));
    }

    private static BigDecimal decimal(String field, String v, List<Problem.FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.trim());
            if (d.signum() < 0) {
                errors.add(new Problem.FieldError(field, "must not be negative"));
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "must be a number"));
            return null;
        }
    }

    private static Integer integer(String field, String v, int min, int max, List<Problem.FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
            }
            return i;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "must be a whole number"));
            return null;
        }
    }

    private static Instant instant(String field, String v, List<Problem.FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    /** (updatedAt, providerId) as keys and the ListingKey as id, signed by the chassis; a bad one is reported. */
    private static Cursor cursor(Keyset keyset, String c, List<Problem.FieldError> errors) {
        try {
            return keyset.decode(c);
        } catch (InvalidCursorException e) {
            errors.add(InvalidCursorException.fieldError());
            return null;
        }
    }
}
