package com.keystone.crm.scoring.policy.repository;

import com.keystone.crm.scoring.policy.domain.PolicyRow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<PolicyRow, String> {
}
