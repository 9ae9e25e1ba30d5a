package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.api.LeadListParams;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CSV export of the leads a caller may see (the list's filters, no paging): an agent exports their own leads, a
 * team lead their team's, an admin the tenant's. Read in pages ({@code crm.leads.export.page-size}) by (createdAt, id)
 * and streamed as they are read, so a large book never sits in memory. Deleted and merged-away leads are not
 * exported. The columns are {@link LeadCsv#HEADER}.
 */
@ApplicationScoped
public class LeadExport {
    private final LeadRepository leads;
    private final TenantGuard tenantGuard;
    private final int pageSize;

    public LeadExport(LeadRepository leads, TenantGuard tenantGuard,
                      @ConfigProperty(name = "crm.leads.export.page-size", defaultValue = "500") int pageSize) {
        this.leads = leads;
        this.tenantGuard = tenantGuard;
        this.pageSize = pageSize;
    }

    /**
     * The leads to export, checked before the download starts: the filters (400 naming the field) and the caller's
     * tenant (403 like the list), so a refusal is a problem, never a broken download.
     */
    public Uni<Selection> select(Caller caller, LeadListParams filters) {
        return Uni.createFrom().item(() -> new Selection(LeadSearch.Criteria.of(caller, filters, false)))
                .call(selection -> Panache.withSession(() -> tenantGuard.requireKnown(caller.tenantId())));
    }

    /** The header line, then one line per lead of the selection. */
    public Multi<String> csv(Selection selection) {
        LeadSearch.Criteria criteria = selection.criteria();
        AtomicReference<Lead> last = new AtomicReference<>();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> page(criteria, last.get())).invoke(page -> {
                    if (!page.isEmpty()) {
                        last.set(page.get(page.size() - 1));
                    }
                }))
                .whilst(page -> page.size() == pageSize)
                .onItem().disjoint()
                .map(lead -> LeadCsv.line((Lead) lead));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(LeadCsv.headerLine()), rows);
    }

    private Uni<List<Lead>> page(LeadSearch.Criteria criteria, Lead after) {
        StringBuilder where = new StringBuilder(criteria.where());
        Map<String, Object> params = new HashMap<>(criteria.params());
        if (after != null) {
            where.append(" and (createdAt > :afterCreated or (createdAt = :afterCreated and id > :afterId))");
            params.put("afterCreated", after.createdAt);
            params.put("afterId", after.id);
        }
        return leads.find("from Lead where " + where + " order by createdAt, id", params).page(0, pageSize).list();
    }

    /** The checked criteria of one export. */
    public record Selection(LeadSearch.Criteria criteria) {
    }
}
