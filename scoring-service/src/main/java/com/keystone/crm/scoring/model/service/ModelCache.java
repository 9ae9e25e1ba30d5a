package com.keystone.crm.scoring.model.service;

import com.keystone.crm.scoring.learning.ScoringModel;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Deserialised models by id (a model version never changes), the few most recently used kept in memory, and the
 * tenant's champion and challenger references looked up per request (a promotion on another replica is seen at once).
 */
@ApplicationScoped
public class ModelCache {
    private static final int MAX_MODELS = 16;
    private final Map<UUID, ScoringModel> models = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, ScoringModel> eldest) {
            return size() > MAX_MODELS;
        }
    };

    /** Within a session: the tenant's champion and challenger (either may be null). */
    public Uni<ServingModels> serving(String tenantId) {
        return Panache.getSession().chain(s -> s.createQuery("select new " + ChampionRef.class.getName()
                                + "(m.id, m.name, m.eligible, m.status, m.trafficShare) from ModelVersion m "
                                + "where m.tenantId = :tenant and m.status in (:champion, :challenger)", ChampionRef.class)
                .setParameter("tenant", tenantId).setParameter("champion", ModelVersion.CHAMPION)
                .setParameter("challenger", ModelVersion.CHALLENGER)
                .getResultList()).map(list -> new ServingModels(
                        list.stream().filter(m -> ModelVersion.CHAMPION.equals(m.status())).findFirst().orElse(null),
                        list.stream().filter(m -> ModelVersion.CHALLENGER.equals(m.status())).findFirst().orElse(null)));
    }

    /** Within a session: the model, deserialised once. A model that cannot be read fails the Uni. */
    public Uni<ScoringModel> model(UUID id) {
        synchronized (models) {
            ScoringModel cached = models.get(id);
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
        }
        return Panache.getSession().chain(s -> s.createQuery("select m.modelBytes from ModelVersion m where m.id = :id", byte[].class)
                        .setParameter("id", id).getSingleResult())
                .map(bytes -> {
                    ScoringModel m = ScoringModel.fromBytes(bytes);
                    synchronized (models) {
                        models.put(id, m);
                    }
                    return m;
                });
    }
}
