package com.keystone.crm.scoring.training.repository;

import com.keystone.crm.scoring.training.domain.TrainingSet;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class TrainingSetRepository implements PanacheRepositoryBase<TrainingSet, UUID> {
    public Uni<TrainingSet> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** The file's bytes (not loaded with the entity). */
    public Uni<byte[]> content(UUID id) {
        return Panache.getSession().chain(s -> s.createQuery("select t.content from TrainingSet t where t.id = :id", byte[].class)
                .setParameter("id", id).getSingleResult());
    }
}
