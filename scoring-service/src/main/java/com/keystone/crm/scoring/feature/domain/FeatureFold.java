package com.keystone.crm.scoring.feature.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lead's features at a cutoff, folded from its events that occurred up to the cutoff and from nothing later:
 * profile (source, type, timeframe, budget, areas, consent), assignment, activity counts by kind and recency,
 * message engagement (deliveries, replies, reply speed), time to first contact, listing matches and the load of the
 * agent assigned at the cutoff ({@link AgentLoad}: counted by the caller, since it is about other leads). The
 * current status is deliberately not a feature: it is what the label is made of; nor is the agent's id (a model
 * would learn who the agents are, not how the lead is served).
 */
public final class FeatureFold {
    /** Activity kinds counted one by one (the others count only in {@code activities}). */
    public static final List<String> COUNTED_KINDS = List.of("inquiry", "call-logged", "email-sent", "sms-sent",
            "property-viewed", "listing-match", "note-added", "task-completed");
    private static final Set<String> OUTBOUND = Set.of("call-logged", "email-sent", "sms-sent", "message-delivered");
    // activities that mirror another consumed event, or that scoring itself causes
    private static final Set<String> NOT_COUNTED = Set.of("score-change", "status-change", "assignment",
            "message-delivered", "message-replied");

    private FeatureFold() {
    }

    /** The feature names a lead can have (what a training set should name its columns to serve leads). */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(List.of("source", "lead_type", "timeframe", "consent_email",
                "consent_sms", "imported", "budget_min", "budget_max", "preferred_areas", "tags", "has_email", "has_phone",
                "days_since_created", "assigned", "reassignments", "activities", "days_since_last_activity",
                "minutes_to_first_contact", "messages_delivered", "replies", "replied_within_1h", "minutes_to_first_reply",
                "listing_matches", "agent_load"));
        COUNTED_KINDS.forEach(k -> names.add(kindFeature(k)));
        return names;
    }

    static String kindFeature(String kind) {
        return "activities_" + kind.replace('-', '_');
    }

    /**
     * The agent the lead was assigned to at {@code cutoff} (null: none), whose load {@code agent_load} is: the
     * caller counts it ({@link AgentLoad}, or one query) and passes it to {@link #at}. Events in occurrence order.
     */
    public static String agentAt(List<StoredEvent> events, Instant cutoff) {
        String agent = null;
        for (StoredEvent e : events) {
            if (e.occurredAt().isAfter(cutoff)) {
                break;
            }
            agent = agentAfter(e, agent);
        }
        return agent;
    }

    /**
     * Events must be in occurrence order; those after {@code cutoff} are ignored. {@code agentLoad}: the
     * assignments of {@link #agentAt the lead's agent at the cutoff} in the window before it (null when unknown).
     */
    public static Map<String, Object> at(List<StoredEvent> events, Instant cutoff, Integer agentLoad) {
        Map<String, Object> f = new LinkedHashMap<>();
        Instant createdAt = null;
        Instant lastActivity = null;
        Instant firstContact = null;
        Instant firstDelivery = null;
        Instant firstReply = null;
        boolean repliedWithinHour = false;
        Instant lastDelivery = null;
        int activities = 0;
        int deliveries = 0;
        int replies = 0;
        int reassignments = 0;
        int listingMatches = 0;
        String agent = null;
        Map<String, Integer> byKind = new LinkedHashMap<>();
        COUNTED_KINDS.forEach(k -> byKind.put(k, 0));
        for (StoredEvent e : events) {
            if (e.occurredAt().isAfter(cutoff)) {
                break;
            }
            JsonNode p = e.payload();
            String agentBefore = agent;
            agent = agentAfter(e, agent);
            switch (e.type()) {
                case "lead.created", "lead.updated" -> {
                    profile(f, p);
                    if (p.hasNonNull("createdAt")) {
                        createdAt = Instant.parse(p.get("createdAt").asText());
                    } else if ("lead.created".equals(e.type()) && createdAt == null) {
                        createdAt = e.occurredAt();
                    }
                }
                case "lead.assigned" -> {
                    if (agentBefore != null || p.hasNonNull("previousAgentId")) {
                        reassignments++;
                    }
                }
                case "lead.activity-recorded" -> {
                    String kind = p.path("activityType").asText();
                    if (OUTBOUND.contains(kind) && firstContact == null) {
                        firstContact = e.occurredAt();
                    }
                    if (NOT_COUNTED.contains(kind)) {
                        break;
                    }
                    activities++;
                    lastActivity = e.occurredAt();
                    byKind.computeIfPresent(kind, (k, n) -> n + 1);
                    if ("listing-match".equals(kind)) {
                        listingMatches++;
                    }
                }
                case "notification.delivered" -> {
                    deliveries++;
                    lastDelivery = e.occurredAt();
                    if (firstDelivery == null) {
                        firstDelivery = e.occurredAt();
                    }
                    if (firstContact == null) {
                        firstContact = e.occurredAt();
                    }
                }
                case "notification.replied" -> {
                    replies++;
                    if (firstReply == null) {
                        firstReply = e.occurredAt();
                    }
                    if (lastDelivery != null && Duration.between(lastDelivery, e.occurredAt()).compareTo(Duration.ofHours(1)) <= 0) {
                        repliedWithinHour = true;
                    }
                    lastActivity = e.occurredAt();
                }
                default -> {
                    // another event type carries nothing for features
                }
            }
        }
        f.putIfAbsent("source", null);
        f.putIfAbsent("lead_type", null);
        f.putIfAbsent("timeframe", null);
        f.putIfAbsent("consent_email", null);
        f.putIfAbsent("consent_sms", null);
        f.putIfAbsent("imported", null);
        f.putIfAbsent("budget_min", null);
        f.putIfAbsent("budget_max", null);
        f.putIfAbsent("preferred_areas", null);
        f.putIfAbsent("tags", null);
        f.putIfAbsent("has_email", null);
        f.putIfAbsent("has_phone", null);
        f.put("days_since_created", createdAt == null ? null : days(createdAt, cutoff));
        f.put("assigned", agent != null ? 1.0 : 0.0);
        f.put("reassignments", (double) reassignments);
        f.put("activities", (double) activities);
        byKind.forEach((k, n) -> f.put(kindFeature(k), (double) n));
        // no activity: silent since creation; neither known (an assignment consumed before lead.created): unknown.
        // Written out, not as a nested ?: whose double branch would unbox the null and throw
        Instant silentSince = lastActivity != null ? lastActivity : createdAt;
        f.put("days_since_last_activity", silentSince == null ? null : Double.valueOf(days(silentSince, cutoff)));
        f.put("minutes_to_first_contact", firstContact == null || createdAt == null ? null
                : (double) Math.max(0, Duration.between(createdAt, firstContact).toMinutes()));
        f.put("messages_delivered", (double) deliveries);
        f.put("replies", (double) replies);
        f.put("replied_within_1h", repliedWithinHour ? 1.0 : 0.0);
        f.put("minutes_to_first_reply", firstReply == null || firstDelivery == null ? null
                : (double) Math.max(0, Duration.between(firstDelivery, firstReply).toMinutes()));
        f.put("listing_matches", (double) listingMatches);
        // no agent at the cutoff: missing (an unassigned lead waits for nobody), not an idle agent's 0
        f.put("agent_load", agent == null || agentLoad == null ? null : Double.valueOf(agentLoad));
        return f;
    }

    /**
     * Who the lead is assigned to after {@code e}: lead.assigned names the agent; lead.created, lead.updated and
     * lead.status-changed name it (or null: unassigned) when they carry the field. One rule for {@code assigned},
     * {@code reassignments} and whose load {@code agent_load} is, so they never disagree.
     */
    private static String agentAfter(StoredEvent e, String current) {
        JsonNode p = e.payload();
        return switch (e.type()) {
            // the schema requires the agent (the inbox refuses events that break it)
            case "lead.assigned" -> p.hasNonNull("assignedAgentId") ? p.get("assignedAgentId").asText() : current;
            case "lead.created", "lead.updated", "lead.status-changed" -> p.has("assignedAgentId")
                    ? (p.hasNonNull("assignedAgentId") ? p.get("assignedAgentId").asText() : null) : current;
            default -> current;
        };
    }

    private static void profile(Map<String, Object> f, JsonNode p) {
        text(f, "source", p, "source");
        text(f, "lead_type", p, "type");
        text(f, "timeframe", p, "timeframe");
        if (p.has("consent")) {
            JsonNode c = p.get("consent");
            f.put("consent_email", c.hasNonNull("email") ? c.get("email").asText() : null);
            f.put("consent_sms", c.hasNonNull("sms") ? c.get("sms").asText() : null);
        }
        if (p.has("imported")) {
            f.put("imported", p.path("imported").asBoolean() ? 1.0 : 0.0);
        }
        number(f, "budget_min", p, "budgetMin");
        number(f, "budget_max", p, "budgetMax");
        if (p.has("preferredAreas")) {
            f.put("preferred_areas", (double) p.get("preferredAreas").size());
        }
        if (p.has("tags")) {
            f.put("tags", (double) p.get("tags").size());
        }
        if (p.has("emails")) {
            f.put("has_email", p.get("emails").size() > 0 ? 1.0 : 0.0);
        }
        if (p.has("phones")) {
            f.put("has_phone", p.get("phones").size() > 0 ? 1.0 : 0.0);
        }
    }

    private static void text(Map<String, Object> f, String feature, JsonNode p, String field) {
        if (p.has(field)) {
            f.put(feature, p.hasNonNull(field) ? p.get(field).asText() : null);
        }
    }

    private static void number(Map<String, Object> f, String feature, JsonNode p, String field) {
        if (p.has(field)) {
            f.put(feature, p.hasNonNull(field) && p.get(field).isNumber() ? p.get(field).asDouble() : null);
        }
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMinutes()) / 1440.0;
    }
}
