package com.keystone.crm.notification.tenant;

import com.keystone.crm.notification.config.NotifyConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** A tenant's effective sender identities and settings: its own row where set, the configured defaults elsewhere. */
@ApplicationScoped
public class Senders {
    private final NotifyConfig.Defaults defaults;

    public Senders(NotifyConfig config) {
        this.defaults = config.defaults();
    }

    /** In the caller's reactive session. */
    public Uni<Identity> of(String tenantId) {
        return Panache.getSession().chain(s -> s.find(TenantSettings.class, tenantId)).map(this::identity);
    }

    /** The tenant whose SMS sender is this number (inbound SMS), or null. */
    public Uni<String> tenantOfNumber(String number) {
        return Panache.getSession().chain(s -> s.createQuery("select t.tenantId from TenantSettings t where t.smsFrom = :n", String.class)
                .setParameter("n", number).setMaxResults(1).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Identity identity(TenantSettings t) {
        if (t == null) {
            return new Identity(defaults.emailFrom(), defaults.smsFrom(), null, defaults.helpText(),
                    ZoneId.of(defaults.timezone()), List.of(), List.of());
        }
        return new Identity(or(t.emailFrom, defaults.emailFrom()), or(t.smsFrom, defaults.smsFrom()),
                t.smsMessagingServiceSid, or(t.helpText, defaults.helpText()),
                ZoneId.of(or(t.timezone, defaults.timezone())), names(t.emailProviders), names(t.smsProviders));
    }

    public String stopConfirmation() {
        return defaults.stopConfirmation();
    }

    public String startConfirmation() {
        return defaults.startConfirmation();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<String> names(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Who a tenant's messages come from and how they go out. */
    public record Identity(String emailFrom, String smsFrom, String smsMessagingServiceSid, String helpText,
                           ZoneId timezone, List<String> emailChain, List<String> smsChain) {
        public List<String> chain(String channel) {
            return "email".equals(channel) ? emailChain : smsChain;
        }

        public String sender(String channel) {
            return "email".equals(channel) ? emailFrom : smsFrom;
        }
    }
}
