package com.keystone.crm.notification.contact.service;

import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The addresses of leads and users as their owners publish them (lead-service, the gateway), for requests that name
 * only the recipient. Kept by version: a redelivered or late older event changes nothing. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class Contacts {
    public static final String LEAD = "lead";
    public static final String USER = "user";

    private final CrmClock clock;

    public Contacts(CrmClock clock) {
        this.clock = clock;
    }

    /** Records the contact's current addresses (primary first in the events) unless a newer version is known. */
    public Uni<Void> record(Contact c) {
        String sql = "INSERT INTO contact (tenant_id, kind, ref_id, email, phone, timezone, name, deleted, version, updated_at, "
                + "consent_email, consent_sms, consent_push) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (tenant_id, kind, ref_id) DO UPDATE SET "
                + "email = EXCLUDED.email, phone = EXCLUDED.phone, timezone = EXCLUDED.timezone, name = EXCLUDED.name, "
                + "deleted = EXCLUDED.deleted, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, "
                + "consent_email = EXCLUDED.consent_email, consent_sms = EXCLUDED.consent_sms, consent_push = EXCLUDED.consent_push "
                + "WHERE contact.version < EXCLUDED.version";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter(1, c.tenantId()).setParameter(2, c.kind()).setParameter(3, c.refId())
                .setParameter(4, c.email() == null ? null : Suppressions.normalise("email", c.email()))
                .setParameter(5, c.phone()).setParameter(6, c.timezone()).setParameter(7, truncate(c.name(), 200))
                .setParameter(8, c.deleted()).setParameter(9, c.version())
                .setParameter(10, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC))
                .setParameter(11, c.consent().email()).setParameter(12, c.consent().sms()).setParameter(13, c.consent().push())
                .executeUpdate()).replaceWithVoid();
    }

    /** The contact, or null when none is known (or it was deleted). */
    public Uni<Contact> find(String tenantId, String kind, String refId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT email, phone, timezone, name, deleted, version, "
                        + "consent_email, consent_sms, consent_push FROM contact WHERE tenant_id = ?1 AND kind = ?2 AND ref_id = ?3", Object[].class)
                .setParameter(1, tenantId).setParameter(2, kind).setParameter(3, refId).getResultList())
                .map((List<Object[]> rows) -> {
                    if (rows.isEmpty() || Boolean.TRUE.equals(rows.get(0)[4])) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new Contact(tenantId, kind, refId, (String) r[0], (String) r[1], (String) r[2], (String) r[3],
                            false, ((Number) r[5]).longValue(), new Consent((Boolean) r[6], (Boolean) r[7], (Boolean) r[8]));
                });
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A lead's or user's addresses and consent at one version. */
    public record Contact(String tenantId, String kind, String refId, String email, String phone, String timezone,
                          String name, boolean deleted, long version, Consent consent) {
        public Contact {
            consent = consent == null ? Consent.UNKNOWN : consent;
        }

        /** The address for a channel: the email or the phone. */
        public String address(String channel) {
            return "email".equals(channel) ? email : "sms".equals(channel) ? phone : null;
        }
    }

    /** Consent per channel as its owner published it: true, false, or null (unknown). */
    public record Consent(Boolean email, Boolean sms, Boolean push) {
        public static final Consent UNKNOWN = new Consent(null, null, null);

        /** Whether the contact said no to the channel (unknown is not a no). */
        public boolean refuses(String channel) {
            Boolean given = switch (channel) {
                case "email" -> email;
                case "sms" -> sms;
                case "push" -> push;
                default -> null;
            };
            return Boolean.FALSE.equals(given);
        }
    }
}
