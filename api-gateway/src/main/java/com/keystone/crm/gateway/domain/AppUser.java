package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** A person who logs in: agent, team lead or admin of one tenant. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {
    public static final Set<String> ROLES = Set.of("agent", "team-lead", "admin");

    @Id
    public String id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String email;
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;
    /** Comma-separated, sorted. */
    @Column(nullable = false)
    public String roles;
    @Column(name = "team_id")
    public String teamId;
    @Column(name = "display_name")
    public String displayName;
    @Column(nullable = false)
    public boolean active;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "deactivated_at")
    public Instant deactivatedAt;
    /** Encrypted (security.TotpSecretCipher), never the plain secret once re-keyed. */
    @Column(name = "totp_secret")
    public String totpSecret;
    /** The key that sealed {@link #totpSecret}; null for a secret stored before encryption. */
    @Column(name = "totp_key_id")
    public String totpKeyId;
    @Column(name = "totp_enabled", nullable = false)
    public boolean totpEnabled;
    @Column(name = "totp_last_step", nullable = false)
    public long totpLastStep;
    @Version
    public long version;

    public Set<String> roleSet() {
        return new LinkedHashSet<>(Arrays.asList(roles.split(",")));
    }

    public void assignRoles(Collection<String> newRoles) {
        roles = String.join(",", new TreeSet<>(newRoles));
    }

    public boolean isAdmin() {
        return roleSet().contains("admin");
    }

    /** The version events carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}
