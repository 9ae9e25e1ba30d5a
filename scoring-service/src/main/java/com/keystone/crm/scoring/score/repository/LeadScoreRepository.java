package com.keystone.crm.scoring.score.repository;

import com.keystone.crm.scoring.score.domain.LeadScore;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class LeadScoreRepository implements PanacheRepositoryBase<LeadScore, UUID> {
}
