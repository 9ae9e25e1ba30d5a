package com.keystone.crm.scoring.ab.repository;

import com.keystone.crm.scoring.ab.domain.Exposure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Each lead's arm, prediction and outcome per A/B test (native statements: upserts and an aggregate read). */
@ApplicationScoped
public class AbExposureRepository {
    /**
     * In the caller's transaction: the lead's latest prediction in the test, kept only while it has not converted
     * (a prediction made after the outcome would flatter the model that made it).
     */
    public Uni<Void> predicted(UUID experimentId, String tenantId, UUID leadId, String variant, String modelName,
                               double probability, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO ab_exposure (experiment_id, lead_id, "
                                + "tenant_id, variant, model_name, probability, first_scored_at, scored_at) VALUES (:exp, :lead, "
                                + ":tenant, :variant, :model, :p, :at, :at) ON CONFLICT (experiment_id, lead_id) DO UPDATE "
                                + "SET probability = excluded.probability, model_name = excluded.model_name, "
                                + "scored_at = excluded.scored_at WHERE ab_exposure.converted_at IS NULL")
                        .setParameter("exp", experimentId).setParameter("lead", leadId).setParameter("tenant", tenantId)
                        .setParameter("variant", variant).setParameter("model", modelName).setParameter("p", probability)
                        .setParameter("at", at).executeUpdate())
                .replaceWithVoid();
    }

    /** In the caller's transaction: the lead converted; every test it is in counts it once, at the first time seen. */
    public Uni<Void> converted(String tenantId, UUID leadId, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE ab_exposure SET converted_at = :at "
                                + "WHERE lead_id = :lead AND tenant_id = :tenant AND converted_at IS NULL")
                        .setParameter("at", at).setParameter("lead", leadId).setParameter("tenant", tenantId).executeUpdate())
                .replaceWithVoid();
    }

    /** Within a session: the test's exposures. */
    public Uni<List<Exposure>> of(String tenantId, UUID experimentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT variant, probability, first_scored_at, converted_at "
                                + "FROM ab_exposure WHERE tenant_id = :tenant AND experiment_id = :exp", Object[].class)
                        .setParameter("tenant", tenantId).setParameter("exp", experimentId).getResultList())
                .map(rows -> {
                    List<Exposure> out = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        out.add(new Exposure((String) r[0], ((Number) r[1]).doubleValue(), instant(r[2]), instant(r[3])));
                    }
                    return out;
                });
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + o.getClass());
    }
}
