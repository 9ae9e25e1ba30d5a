package com.keystone.crm.notification.device.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One registered app install of a user: the push token for one platform (android: FCM, ios: APNs) and app. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    public static final String ANDROID = "android";
    public static final String IOS = "ios";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(nullable = false)
    public String platform;
    @Column(nullable = false)
    public String token;
    @Column(name = "app_id", nullable = false)
    public String appId;
    /** The user's preference: "new lead assigned to you" pushes on this device. */
    @Column(name = "lead_alerts", nullable = false)
    public boolean leadAlerts;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(nullable = false)
    public int version;
}
