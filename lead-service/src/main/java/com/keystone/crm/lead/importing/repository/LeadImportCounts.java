package com.keystone.crm.lead.importing.repository;

/** What a batch of import rows did: every processed row is exactly one of created, merged, failed or skipped (blank). */
public record LeadImportCounts(int created, int merged, int failed, int skipped) {
    public static final LeadImportCounts NONE = new LeadImportCounts(0, 0, 0, 0);

    public int processed() {
        return created + merged + failed + skipped;
    }

    public LeadImportCounts plus(LeadImportCounts o) {
        return new LeadImportCounts(created + o.created, merged + o.merged, failed + o.failed, skipped + o.skipped);
    }
}
