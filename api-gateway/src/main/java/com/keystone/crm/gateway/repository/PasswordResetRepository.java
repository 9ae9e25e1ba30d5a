package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.PasswordReset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class PasswordResetRepository implements PanacheRepositoryBase<PasswordReset, UUID> {
}
