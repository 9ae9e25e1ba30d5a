package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An access token revoked by logout before it expires. */
@Entity
@Table(name = "revoked_access_token")
public class RevokedAccessToken extends PanacheEntityBase {
    @Id
    public String jti;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
