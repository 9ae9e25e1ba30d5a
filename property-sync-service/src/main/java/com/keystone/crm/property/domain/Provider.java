package com.keystone.crm.property.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An MLS feed of a tenant. The engine's own columns (watermark, lease, schedule) are written by native updates in
 * {@code ProviderRepository}; this entity is read for them and written only by the admin API.
 */
@Entity
@Table(name = "mls_provider")
public class Provider extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    public String protocol;
    public String url;
    @Column(name = "token_url")
    public String tokenUrl;
    /** Secrets in configuration under this name; null when the provider has stored credentials. */
    @Column(name = "credentials_ref")
    public String credentialsRef;
    /** Stored credentials (envelope encryption, see secret/EnvelopeCipher): the master key's id, never a key. */
    @Column(name = "secret_key_id")
    public String secretKeyId;
    @Column(name = "secret_wrapped_key")
    public byte[] secretWrappedKey;
    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;
    @Column(name = "secret_updated_at")
    public Instant secretUpdatedAt;
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "rets_version")
    public String retsVersion;
    @Column(name = "use_post")
    public boolean usePost;
    public String resource;
    @Column(name = "search_classes")
    public String searchClasses;
    public String format;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_map")
    public Map<String, String> fieldMap;
    @Column(name = "server_zone")
    public String serverZone;
    /** RETS: the charset of bodies that declare none; null = UTF-8 with the windows-1252 fallback. */
    public String charset;
    @Column(name = "page_size")
    public int pageSize;
    @Column(name = "requests_per_second")
    public double requestsPerSecond;
    @Column(name = "media_per_hour")
    public int mediaPerHour;
    @Column(name = "request_timeout_ms")
    public int requestTimeoutMs;
    public String cron;
    @Column(name = "reconcile_every_seconds")
    public long reconcileEverySeconds;
    public boolean enabled;
    public Instant watermark;
    @Column(name = "last_reconciled_at")
    public Instant lastReconciledAt;
    @Column(name = "next_run_at")
    public Instant nextRunAt;
    @Column(name = "run_seq")
    public long runSeq;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
