package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.RevokedAccessToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class RevokedAccessTokenRepository implements PanacheRepositoryBase<RevokedAccessToken, String> {
}
