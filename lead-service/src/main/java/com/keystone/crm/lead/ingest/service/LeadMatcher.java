package com.keystone.crm.lead.ingest.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the lead a new inquiry belongs to: a live lead of the tenant sharing a normalised email or phone (the
 * oldest wins). {@link #lockContacts} serialises concurrent ingestions of the same person, so two portals
 * posting the same new contact at once make one lead.
 */
@ApplicationScoped
public class LeadMatcher {
    private final LeadRepository leads;

    public LeadMatcher(LeadRepository leads) {
        this.leads = leads;
    }

    /** Must run in the transaction that will create or merge (the locks end with it). */
    public Uni<Void> lockContacts(String tenantId, List<String> emails, List<String> phones) {
        // sorted, so two transactions take the same locks in the same order and cannot deadlock
        TreeSet<String> keys = new TreeSet<>();
        emails.forEach(e -> keys.add(tenantId + "|e|" + e));
        phones.forEach(p -> keys.add(tenantId + "|p|" + p));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> s
                    .createNativeQuery("SELECT cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                    .setParameter(1, key).getSingleResult())).replaceWithVoid();
        }
        return chain;
    }

    public Uni<Lead> findExisting(String tenantId, List<String> emails, List<String> phones) {
        return findAll(tenantId, emails, phones).map(all -> all.isEmpty() ? null : all.get(0));
    }

    /** Every live lead of the tenant sharing a contact point, oldest first (the caller picks the ones it may see). */
    public Uni<List<Lead>> findAll(String tenantId, List<String> emails, List<String> phones) {
        if (emails.isEmpty() && phones.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> any = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        for (int i = 0; i < emails.size(); i++) {
            any.add("array_contains(emails, :e" + i + ")");
            params.put("e" + i, emails.get(i));
        }
        for (int i = 0; i < phones.size(); i++) {
            any.add("array_contains(phones, :p" + i + ")");
            params.put("p" + i, phones.get(i));
        }
        return leads.find("tenantId = :tenant and deletedAt is null and (" + String.join(" or ", any)
                        + ") order by createdAt, id", params)
                .page(0, 50).list();
    }
}
