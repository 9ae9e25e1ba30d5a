package com.keystone.crm.notification.consent.service;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.domain.SuppressionAudit;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The suppression list: checks before a send, additions (with contact.opted-out through the outbox) and removals,
 * every change audited. Each method runs in the caller's transaction.
 */
@ApplicationScoped
public class Suppressions {
    private final OutboxWriter outbox;
    private final CrmClock clock;

    public Suppressions(OutboxWriter outbox, CrmClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Addresses are compared in one form: e-mail lower-cased, phone numbers as given (E.164). */
    public static String normalise(String channel, String address) {
        String trimmed = address == null ? null : address.trim();
        return "email".equals(channel) && trimmed != null ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }

    /**
     * The entry that blocks a message of this category to the address, or null; looked up in {@code known} when it
     * covers the address (a batch read them together), else in the database.
     */
    public Uni<Suppression> blocking(String tenantId, String channel, String address, String category, Known known) {
        if (known != null && known.covers(channel, address)) {
            return Uni.createFrom().item(known.blocking(tenantId, channel, address, category));
        }
        return blocking(tenantId, channel, address, category);
    }

    /** The entries of these addresses (as {@link #normalise normalised}), read with one statement. */
    public Uni<Known> among(Collection<String> addresses) {
        Set<String> wanted = Set.copyOf(addresses);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new Known(wanted, List.of()));
        }
        return Panache.getSession().chain(s -> s.createQuery("from Suppression where address in :a order by createdAt", Suppression.class)
                .setParameter("a", wanted).getResultList()).map(rows -> new Known(wanted, rows));
    }

    /** The suppression entries of a set of addresses at one moment, oldest first. */
    public static final class Known {
        private final Set<String> addresses;
        private final List<Suppression> entries;

        Known(Set<String> addresses, List<Suppression> entries) {
            this.addresses = addresses;
            this.entries = entries;
        }

        boolean covers(String channel, String address) {
            return addresses.contains(normalise(channel, address));
        }

        Suppression blocking(String tenantId, String channel, String address, String category) {
            String normalised = normalise(channel, address);
            List<String> purposes = purposes(category);
            return entries.stream().filter(e -> e.tenantId.equals(tenantId) && e.channel.equals(channel)
                    && e.address.equals(normalised) && purposes.contains(e.purpose)).findFirst().orElse(null);
        }
    }

    private static List<String> purposes(String category) {
        return "marketing".equals(category) ? List.of(Suppression.MARKETING, Suppression.ALL) : List.of(Suppression.ALL);
    }

    /** The entry that blocks a message of this category to the address, or null. */
    public Uni<Suppression> blocking(String tenantId, String channel, String address, String category) {
        List<String> purposes = purposes(category);
        return Panache.getSession().chain(s -> s.createQuery("from Suppression where tenantId = :t and channel = :c "
                        + "and address = :a and purpose in (:p) order by createdAt", Suppression.class)
                .setParameter("t", tenantId).setParameter("c", channel).setParameter("a", normalise(channel, address))
                .setParameter("p", purposes).setMaxResults(1).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Adds the entry unless it exists (then answers the existing one, publishing nothing again) and publishes
     * contact.opted-out for a new one.
     */
    public Uni<Suppression> add(Addition a) {
        String address = normalise(a.channel(), a.address());
        return Panache.getSession().chain(s -> s.createQuery("from Suppression where tenantId = :t and channel = :c "
                                + "and address = :a and purpose = :p", Suppression.class)
                        .setParameter("t", a.tenantId()).setParameter("c", a.channel()).setParameter("a", address)
                        .setParameter("p", a.purpose()).getResultList())
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        return Uni.createFrom().item(existing.get(0));
                    }
                    Suppression entry = new Suppression();
                    entry.id = UUID.randomUUID();
                    entry.tenantId = a.tenantId();
                    entry.channel = a.channel();
                    entry.address = address;
                    entry.purpose = a.purpose();
                    entry.source = a.source();
                    entry.keyword = a.keyword();
                    entry.leadId = a.leadId();
                    entry.createdBy = a.actor();
                    entry.createdAt = clock.now();
                    entry.version = 1;
                    ContactOptedOut event = ContactOptedOut.builder()
                            .withSuppressionId(entry.id).withTenantId(entry.tenantId).withVersion((long) entry.version)
                            .withOccurredAt(entry.createdAt).withChannel(Channel.fromValue(entry.channel))
                            .withAddress(entry.address).withSource(ContactOptedOut.Source.fromValue(entry.source))
                            .withLeadId(entry.leadId).withKeyword(entry.keyword).withReplyId(a.replyId())
                            .build();
                    return Panache.getSession().chain(s -> s.persist(entry))
                            .call(() -> audit(entry, "added", a.actor()))
                            .call(() -> outbox.append(OutboxEvent.of("suppression", entry.id.toString(), event)))
                            .replaceWith(entry);
                });
    }

    /** Removes the entries of this address and purpose (START, an admin); answers how many. */
    public Uni<Integer> remove(String tenantId, String channel, String address, String purpose, String source, String actor) {
        String normalised = normalise(channel, address);
        return Panache.getSession().chain(s -> s.createQuery("from Suppression where tenantId = :t and channel = :c "
                                + "and address = :a and (:p = '' or purpose = :p)", Suppression.class)
                        .setParameter("t", tenantId).setParameter("c", channel).setParameter("a", normalised)
                        .setParameter("p", purpose == null ? "" : purpose).getResultList())
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Suppression row : rows) {
                        chain = chain.call(() -> audit(row, "removed", actor, source))
                                .call(() -> Panache.getSession().chain(s -> s.remove(row)));
                    }
                    return chain.map(x -> rows.size());
                });
    }

    private Uni<Void> audit(Suppression entry, String action, String actor) {
        return audit(entry, action, actor, entry.source);
    }

    private Uni<Void> audit(Suppression entry, String action, String actor, String source) {
        SuppressionAudit audit = new SuppressionAudit();
        audit.id = UUID.randomUUID();
        audit.tenantId = entry.tenantId;
        audit.channel = entry.channel;
        audit.address = entry.address;
        audit.purpose = entry.purpose;
        audit.action = action;
        audit.source = source;
        audit.actor = actor;
        audit.at = clock.now();
        return Panache.getSession().chain(s -> s.persist(audit));
    }

    /** What to add: who, where, why. */
    public record Addition(String tenantId, String channel, String address, String purpose, String source,
                           String keyword, UUID leadId, UUID replyId, String actor) {
    }
}
