package com.keystone.crm.notification.template.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
    /** The variables the template may use and a send must supply, comma-separated (names never hold a comma). */
    @Column(name = "variables", nullable = false)
    public String variableNames;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> variables() {
        return variableNames.isEmpty() ? List.of() : List.of(variableNames.split(","));
    }

    public void variables(List<String> names) {
        variableNames = String.join(",", names);
    }
}
