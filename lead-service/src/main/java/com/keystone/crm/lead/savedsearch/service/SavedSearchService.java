package com.keystone.crm.lead.savedsearch.service;

import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.savedsearch.api.SavedSearchQuery;
import com.keystone.crm.lead.savedsearch.api.SavedSearchRequest;
import com.keystone.crm.lead.savedsearch.api.SavedSearchView;
import com.keystone.crm.lead.savedsearch.domain.SavedSearch;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchListingStatus;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchLocationKeys;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchPropertyType;
import com.keystone.crm.lead.savedsearch.repository.SavedSearchRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A lead's saved searches. Access follows the lead: whoever may see the lead may see and edit its searches; for
 * anyone else the search does not exist (404). Saved searches publish no event of their own: what others need
 * to know, a listing match, goes out as lead.activity-recorded (see ListingMatchService).
 */
@ApplicationScoped
public class SavedSearchService {
    static final String LIST = "saved-searches";
    public static final String IDEMPOTENCY_SCOPE = "saved-search.create";

    private final SavedSearchRepository searches;
    private final LeadFinder leads;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    private final TenantGuard tenantGuard;

    public SavedSearchService(SavedSearchRepository searches, LeadFinder leads, CursorCodec cursorCodec,
                              CrmClock clock, TenantGuard tenantGuard) {
        this.tenantGuard = tenantGuard;
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.searches = searches;
        this.leads = leads;
    }

    /** The cursors of the saved-search lists (signed for them: a cursor of another list is a 400). */
    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    /** Saves a search for a lead (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<SavedSearchView> create(Caller caller, UUID leadId, SavedSearchRequest request) {
        return leads.visible(caller, leadId)
                .chain(lead -> insert(caller, lead, request))
                .map(SavedSearchView::of);
    }

    @WithSession
    public Uni<SavedSearchView> get(Caller caller, UUID id) {
        return visible(caller, id).map(SavedSearchView::of);
    }

    @WithSession
    public Uni<Page<SavedSearchView>> listForLead(Caller caller, UUID leadId, SavedSearchQuery query) {
        return leads.visible(caller, leadId).chain(lead -> searches.pageOfLead(lead.id, query)).map(rows -> page(rows, query));
    }

    @WithSession
    public Uni<Page<SavedSearchView>> listVisible(Caller caller, SavedSearchQuery query) {
        return tenantGuard.requireKnown(caller.tenantId()).chain(() -> searches.pageVisibleTo(caller, query)).map(rows -> page(rows, query));
    }

    /** Replaces the criteria (PUT); If-Match must name the current version. */
    @WithTransaction
    public Uni<SavedSearchView> update(Caller caller, UUID id, SavedSearchRequest request, String ifMatch) {
        return visible(caller, id).map(search -> {
            IfMatch.require(ifMatch, search.aggregateVersion());
            apply(search, request);
            if (request.active() != null) {
                search.active = request.active();
            }
            search.updatedAt = now();
            return search;
        }).call(search -> searches.flush()).map(SavedSearchView::of);
    }

    /** Soft delete: the search stops matching and disappears from lists (an updatedSince list shows its tombstone). */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, String ifMatch) {
        return visible(caller, id).invoke(search -> {
            IfMatch.require(ifMatch, search.aggregateVersion());
            Instant now = now();
            search.active = false;
            search.deletedAt = now;
            search.updatedAt = now;
        }).replaceWithVoid();
    }

    /** A live search on a lead the caller may see; anything else is answered as not found. */
    private Uni<SavedSearch> visible(Caller caller, UUID id) {
        return searches.findLiveInTenant(caller.tenantId(), id)
                .chain(search -> {
                    if (search == null) {
                        throw notFound(id);
                    }
                    // the lead's 404 would name the lead: a caller who may not see it learns nothing, not even its id
                    return leads.visible(caller, search.leadId)
                            .onFailure(ProblemException.class).transform(e -> notFound(id))
                            .replaceWith(search);
                });
    }

    private Uni<SavedSearch> insert(Caller caller, Lead lead, SavedSearchRequest request) {
        Instant now = now();
        SavedSearch search = new SavedSearch();
        search.id = UUID.randomUUID();
        search.tenantId = lead.tenantId;
        search.leadId = lead.id;
        search.active = request.active() == null || request.active();
        search.createdBy = caller.userId();
        search.createdAt = now;
        search.updatedAt = now;
        apply(search, request);
        return searches.persist(search);
    }

    /** Copies the criteria, normalised for display (trimmed, duplicates dropped) and for matching (location keys). */
    private static void apply(SavedSearch search, SavedSearchRequest request) {
        search.name = request.name().trim();
        search.cities = distinct(request.cities(), SavedSearchLocationKeys::displayCity);
        search.postalCodes = distinct(request.postalCodes(), SavedSearchLocationKeys::displayPostalCode);
        search.minPrice = request.minPrice();
        search.maxPrice = request.maxPrice();
        search.minBedrooms = request.minBedrooms();
        search.minBathrooms = request.minBathrooms();
        search.propertyTypes = request.propertyTypes().stream().distinct().map(SavedSearchPropertyType::reso)
                .toArray(String[]::new);
        search.standardStatuses = request.standardStatuses().stream().distinct().map(SavedSearchListingStatus::reso)
                .toArray(String[]::new);
        search.locationKeys = SavedSearchLocationKeys.ofSearch(List.of(search.cities), List.of(search.postalCodes));
    }

    /** Display values, first spelling kept, duplicates compared case-insensitively. */
    private static String[] distinct(List<String> values, Function<String, String> display) {
        Map<String, String> byKey = new LinkedHashMap<>();
        values.stream().map(display).forEach(v -> byKey.putIfAbsent(v.toLowerCase(Locale.ROOT), v));
        return byKey.values().toArray(String[]::new);
    }

    private Page<SavedSearchView> page(List<SavedSearch> rows, SavedSearchQuery query) {
        return cursors().page(rows, query.limit(), SavedSearchView::of, last -> Cursor.at(last.id, last.createdAt));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Saved search " + id);
    }

    private Instant now() {
        return clock.now();
    }

}
