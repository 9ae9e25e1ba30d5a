package com.keystone.crm.notification.template.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One version of a tenant's template for a key, channel and locale; versions are immutable, a save adds one. */
@Entity
@Table(name = "template")
public class Template extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "template_key", nullable = false)
    public String key;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String locale;
    @Column(nullable = false)
    public int version;
    public String subject;
    @Column(name = "text_body", nullable = false)
    public String textBody;
    @Column(name = "html_body")
    public String htmlBody;
    /** The variables the template may use and a send must supply. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> variables;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
