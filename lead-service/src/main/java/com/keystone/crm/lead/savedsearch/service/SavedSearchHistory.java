package com.keystone.crm.lead.savedsearch.service;

import com.keystone.crm.lead.ingest.service.LeadHistory;
import com.keystone.crm.lead.savedsearch.repository.SavedSearchRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** A merge moves the duplicate's saved searches to the surviving lead, so its alerts keep coming. */
@ApplicationScoped
public class SavedSearchHistory implements LeadHistory {
    private final SavedSearchRepository searches;

    public SavedSearchHistory(SavedSearchRepository searches) {
        this.searches = searches;
    }

    @Override
    public Uni<Void> moveHistory(String tenantId, UUID fromLeadId, UUID toLeadId) {
        return searches.update("leadId = ?1 where leadId = ?2 and tenantId = ?3", toLeadId, fromLeadId, tenantId)
                .replaceWithVoid();
    }
}
