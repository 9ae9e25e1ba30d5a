package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A one-time recovery code of a user's second factor: only its SHA-256 is kept; used_at marks it spent. */
@Entity
@Table(name = "totp_recovery_code")
public class TotpRecoveryCode extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(name = "code_hash", nullable = false)
    public String codeHash;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
