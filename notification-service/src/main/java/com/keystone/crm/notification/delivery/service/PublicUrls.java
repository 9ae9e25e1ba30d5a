package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The URLs providers and recipients reach this service at (status callbacks, unsubscribe links). */
@ApplicationScoped
public class PublicUrls {
    private final String base;

    public PublicUrls(NotifyConfig config) {
        String configured = config.publicBaseUrl().orElse("http://localhost:8085");
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** Twilio's status callback for one delivery; the delivery id in the query is the request tag. */
    public String twilioStatus(UUID notificationId) {
        return base + "/webhooks/twilio/status?n=" + notificationId;
    }

    public String unsubscribe(String token) {
        return base + "/unsubscribe?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String base() {
        return base;
    }
}
