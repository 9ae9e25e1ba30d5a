package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.contact.Emails;
import com.keystone.crm.lead.contact.PhoneNumbers;
import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.domain.Lead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Puts a (validated) profile on a lead: emails trimmed and lower-cased, phones in E.164, lists without
 * duplicates. {@link #fillEmpty} is the merge rule of ingestion and of lead merges: fill what is empty,
 * add new emails and phones, never overwrite a field an agent edited.
 */
@ApplicationScoped
public class LeadProfiles {
    private final PhoneNumbers phoneNumbers;

    public LeadProfiles(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    public List<String> emails(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw != null) {
            raw.stream().map(Emails::normalise).filter(Emails::isValid).forEach(out::add);
        }
        return new ArrayList<>(out);
    }

    public List<String> phones(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw != null) {
            raw.forEach(p -> phoneNumbers.toE164(p).ifPresent(out::add));
        }
        return new ArrayList<>(out);
    }

    /** A new lead takes the whole profile. */
    public void applyNew(Lead l, LeadProfile p) {
        l.firstName = trim(p.firstName());
        l.lastName = trim(p.lastName());
        setEmails(l, emails(p.emails()));
        setPhones(l, phones(p.phones()));
        l.type = p.type();
        l.city = trim(p.city());
        l.postalCode = trim(p.postalCode());
        l.propertyType = trim(p.propertyType());
        l.budgetMin = p.budgetMin();
        l.budgetMax = p.budgetMax();
        l.preferredAreas = distinct(p.preferredAreas());
        l.timeframe = p.timeframe();
        l.tags = distinct(p.tags());
        if (p.consent() != null) {
            p.consent().applyTo(l);
        }
        l.timezone = p.timezone();
    }

    /** Fills the lead's empty fields from the profile, except those an agent edited; returns what changed. */
    public List<String> fillEmpty(Lead l, LeadProfile p) {
        Set<String> edited = Set.of(l.agentEditedFields);
        List<String> changed = new ArrayList<>();
        if (fill("firstName", edited, l.firstName, trim(p.firstName()), changed)) {
            l.firstName = trim(p.firstName());
        }
        if (fill("lastName", edited, l.lastName, trim(p.lastName()), changed)) {
            l.lastName = trim(p.lastName());
        }
        List<String> emails = union(l.emails, emails(p.emails()));
        if (emails.size() != l.emails.length) {
            setEmails(l, emails);
            changed.add("emails");
        }
        List<String> phones = union(l.phones, phones(p.phones()));
        if (phones.size() != l.phones.length) {
            setPhones(l, phones);
            changed.add("phones");
        }
        if (fill("type", edited, l.type, p.type(), changed)) {
            l.type = p.type();
        }
        if (fill("city", edited, l.city, trim(p.city()), changed)) {
            l.city = trim(p.city());
        }
        if (fill("postalCode", edited, l.postalCode, trim(p.postalCode()), changed)) {
            l.postalCode = trim(p.postalCode());
        }
        if (fill("propertyType", edited, l.propertyType, trim(p.propertyType()), changed)) {
            l.propertyType = trim(p.propertyType());
        }
        if (fill("budgetMin", edited, l.budgetMin, p.budgetMin(), changed)) {
            l.budgetMin = p.budgetMin();
        }
        if (fill("budgetMax", edited, l.budgetMax, p.budgetMax(), changed)) {
            l.budgetMax = p.budgetMax();
        }
        if (fill("timeframe", edited, l.timeframe, p.timeframe(), changed)) {
            l.timeframe = p.timeframe();
        }
        if (fill("timezone", edited, l.timezone, p.timezone(), changed)) {
            l.timezone = p.timezone();
        }
        if (!edited.contains("preferredAreas")) {
            List<String> areas = union(l.preferredAreas, p.preferredAreas());
            if (areas.size() != l.preferredAreas.length) {
                l.preferredAreas = areas.toArray(String[]::new);
                changed.add("preferredAreas");
            }
        }
        List<String> tags = union(l.tags, p.tags());
        if (tags.size() != l.tags.length) {
            l.tags = tags.toArray(String[]::new);
            changed.add("tags");
        }
        return changed;
    }

    public static void setEmails(Lead l, List<String> emails) {
        l.emails = emails.toArray(String[]::new);
        l.email = emails.isEmpty() ? null : emails.get(0);
    }

    public static void setPhones(Lead l, List<String> phones) {
        l.phones = phones.toArray(String[]::new);
        l.phone = phones.isEmpty() ? null : phones.get(0);
    }

    private static boolean fill(String field, Set<String> edited, Object current, Object incoming, List<String> changed) {
        if (incoming == null || edited.contains(field) || (current != null && !"".equals(current))) {
            return false;
        }
        changed.add(field);
        return true;
    }

    static List<String> union(String[] existing, List<String> more) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(existing));
        if (more != null) {
            more.stream().filter(Objects::nonNull).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return new ArrayList<>(out);
    }

    static String[] distinct(List<String> values) {
        return union(new String[0], values).toArray(String[]::new);
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
