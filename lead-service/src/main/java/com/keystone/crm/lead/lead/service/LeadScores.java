package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.timeline.domain.Activity;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.Reason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Applies a lead.scored event: the latest score on the lead and a score-change entry on its timeline. */
@ApplicationScoped
public class LeadScores {
    private static final Logger LOG = Logger.getLogger(LeadScores.class);

    private final LeadRepository leads;
    private final ActivityRecorder activities;
    private final CrmClock clock;

    public LeadScores(LeadRepository leads, ActivityRecorder activities, CrmClock clock) {
        this.leads = leads;
        this.activities = activities;
        this.clock = clock;
    }

    /** The three reasons that weigh most, for the lead screen. */
    static List<Map<String, Object>> topReasons(List<Reason> reasons) {
        List<Map<String, Object>> out = new ArrayList<>();
        (reasons == null ? List.<Reason>of() : reasons).forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", r.getFeature());
            m.put("contribution", r.getContribution().doubleValue());
            if (r.getDescription() != null) {
                m.put("description", r.getDescription());
            }
            out.add(m);
        });
        out.sort(Comparator.comparingDouble((Map<String, Object> m) -> Math.abs((Double) m.get("contribution"))).reversed());
        return out.size() > 3 ? new ArrayList<>(out.subList(0, 3)) : out;
    }

    public Uni<Void> apply(IncomingEvent<LeadScored> event) {
        LeadScored p = event.payload();
        UUID leadId = p.getLeadId();
        String tenantId = p.getTenantId();
        Instant scoredAt = p.getOccurredAt();
        return leads.findInTenant(tenantId, leadId).chain(lead -> {
            if (lead == null) {
                LOG.infof("lead.scored for unknown lead %s of tenant %s ignored", leadId, tenantId);
                return Uni.createFrom().voidItem();
            }
            BigDecimal score = p.getScore();
            String tier = p.getTier().value();
            if (lead.scoredAt == null || !scoredAt.isBefore(lead.scoredAt)) {
                lead.score = score;
                lead.scoreTier = tier;
                lead.scoreModelVersion = p.getModelVersion();
                lead.scoredAt = scoredAt;
                lead.scoreReasons = Map.of("reasons", topReasons(p.getReasons()));
                lead.touched(clock.now());
            }
            String summary = "Score " + score.stripTrailingZeros().toPlainString() + " (" + tier + ")";
            return activities.record(lead, Activity.SCORE_CHANGE, summary, event.attributes().source().replaceFirst("^/", ""), scoredAt,
                    event.attributes().id(), null).replaceWithVoid();
        });
    }
}
