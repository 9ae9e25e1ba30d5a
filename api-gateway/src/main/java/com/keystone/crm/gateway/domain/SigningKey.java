package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An RS256 key pair (base64 PKCS#8 / X.509). Retired keys no longer sign but verify until verify_until. */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {
    @Id
    public String kid;
    @Column(name = "private_key", nullable = false)
    public String privateKey;
    @Column(name = "public_key", nullable = false)
    public String publicKey;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
    @Column(name = "verify_until")
    public Instant verifyUntil;
}
