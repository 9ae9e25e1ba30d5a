package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A password reset link's token, by its SHA-256; good once, until it expires. */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(name = "token_hash", nullable = false)
    public String tokenHash;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
