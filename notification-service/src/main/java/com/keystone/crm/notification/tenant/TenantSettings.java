package com.keystone.crm.notification.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant's sender identities and delivery settings; absent values fall back to crm.notify.defaults. */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "email_from")
    public String emailFrom;
    @Column(name = "sms_from")
    public String smsFrom;
    @Column(name = "sms_messaging_service_sid")
    public String smsMessagingServiceSid;
    @Column(name = "help_text")
    public String helpText;
    public String timezone;
    /** Comma-separated provider names, in order. */
    @Column(name = "email_providers")
    public String emailProviders;
    @Column(name = "sms_providers")
    public String smsProviders;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
