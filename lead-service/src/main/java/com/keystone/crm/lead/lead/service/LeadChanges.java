package com.keystone.crm.lead.lead.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.lead.lead.api.ChangeStatusRequest;
import com.keystone.crm.lead.lead.api.LeadPatchRequest;
import com.keystone.crm.lead.lead.api.LeadView;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Changes to an existing lead: profile edits (merge patch), status transitions and soft deletion. Each checks
 * If-Match against the lead's version and publishes its event in the same transaction.
 */
@ApplicationScoped
public class LeadChanges {
    private final LeadFinder finder;
    private final LeadProfiles profiles;
    private final OutboxWriter outbox;
    private final ActivityRecorder activities;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final CrmClock clock;

    public LeadChanges(LeadFinder finder, LeadProfiles profiles, OutboxWriter outbox, ActivityRecorder activities,
                       ObjectMapper mapper, Validator validator, CrmClock clock) {
        this.clock = clock;
        this.finder = finder;
        this.profiles = profiles;
        this.outbox = outbox;
        this.activities = activities;
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Applies a JSON merge patch; every field it sets is marked agent-edited, so ingestion leaves it alone. */
    public Uni<LeadView> patch(Caller caller, UUID id, String ifMatch, JsonNode body) throws JsonProcessingException {
        LeadPatchRequest patch = readPatch(body);
        Set<String> present = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        return inTransaction(caller, id, ifMatch, (lead, now) -> {
            List<String> changed = apply(lead, patch, present);
            // every field the agent named is theirs from now on, even when set to what it was (or cleared)
            Set<String> edited = new TreeSet<>(List.of(lead.agentEditedFields));
            edited.addAll(present);
            lead.agentEditedFields = edited.toArray(String[]::new);
            if (changed.isEmpty()) {
                return Uni.createFrom().item(lead);
            }
            lead.updatedAt = now;
            return flush().chain(() -> outbox.append(LeadEvents.updated(lead, changed, caller.userId(), now))).replaceWith(lead);
        });
    }

    public Uni<LeadView> changeStatus(Caller caller, UUID id, String ifMatch, ChangeStatusRequest request) {
        return inTransaction(caller, id, ifMatch, (lead, now) -> {
            LeadStatus from = lead.status;
            LeadStatus to = request.status();
            if (from == to) {
                return Uni.createFrom().item(lead);
            }
            if (!LeadPipeline.allows(from, to)) {
                throw new ProblemException(Problem.of("invalid-status-transition", "Unprocessable Content", 422,
                        "A lead cannot go from " + from.wire() + " to " + to.wire() + "; allowed: "
                                + LeadPipeline.next(from).stream().map(LeadStatus::wire).toList()));
            }
            lead.status = to;
            lead.updatedAt = now;
            String summary = "Status " + from.wire() + " → " + to.wire() + (request.reason() == null ? "" : ": " + request.reason());
            return flush()
                    .chain(() -> outbox.append(LeadEvents.statusChanged(lead, from, caller.userId(), request.reason(), now)))
                    .chain(() -> activities.record(lead, "status-change", summary, caller.userId(), now, null,
                            ActivityEvents.Fields.details(Map.of("fromStatus", from.wire(), "toStatus", to.wire()))))
                    .replaceWith(lead);
        });
    }

    /** Soft delete: the lead disappears from lists and reads; its history stays. Admins, team leads and the assignee. */
    public Uni<Void> delete(Caller caller, UUID id, String ifMatch) {
        return inTransaction(caller, id, ifMatch, (lead, now) -> {
            lead.deletedAt = now;
            lead.updatedAt = now;
            return flush().chain(() -> outbox.append(LeadEvents.updated(lead, List.of("deleted"), caller.userId(), now)))
                    .replaceWith(lead);
        }).replaceWithVoid();
    }

    private Uni<LeadView> inTransaction(Caller caller, UUID id, String ifMatch, Change change) {
        return Panache.withTransaction(() -> finder.visible(caller, id).chain(lead -> {
            IfMatch.require(ifMatch, lead.aggregateVersion());
            return change.apply(lead, clock.now());
        })).map(LeadView::of);
    }

    private static Uni<Void> flush() {
        // the version bump happens at flush; events carry the new version
        return Panache.getSession().chain(s -> s.flush());
    }

    private LeadPatchRequest readPatch(JsonNode body) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("validation", "The body must be a JSON object (a merge patch)");
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!LeadPatchRequest.FIELDS.contains(field)) {
                unknown.add(new Problem.FieldError(field, field + " cannot be changed here"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The patch names fields that cannot be changed")
                    .withErrors(unknown));
        }
        // a wrong type surfaces as Jackson's exception, which the problem mappers report by field
        LeadPatchRequest patch = mapper.treeToValue(body, LeadPatchRequest.class);
        Set<ConstraintViolation<LeadPatchRequest>> violations = validator.validate(patch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (body.has("source") && patch.source() == null) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("source", "must not be null"))));
        }
        return patch;
    }

    private List<String> apply(Lead l, LeadPatchRequest p, Set<String> present) {
        List<String> changed = new ArrayList<>();
        for (String field : present) {
            Object before = snapshot(l, field);
            switch (field) {
                case "firstName" -> l.firstName = LeadProfiles.trim(p.firstName());
                case "lastName" -> l.lastName = LeadProfiles.trim(p.lastName());
                case "emails" -> LeadProfiles.setEmails(l, profiles.emails(p.emails()));
                case "phones" -> LeadProfiles.setPhones(l, profiles.phones(p.phones()));
                case "source" -> l.source = p.source();
                case "type" -> l.type = p.type();
                case "city" -> l.city = LeadProfiles.trim(p.city());
                case "postalCode" -> l.postalCode = LeadProfiles.trim(p.postalCode());
                case "propertyType" -> l.propertyType = LeadProfiles.trim(p.propertyType());
                case "budgetMin" -> l.budgetMin = p.budgetMin();
                case "budgetMax" -> l.budgetMax = p.budgetMax();
                case "preferredAreas" -> l.preferredAreas = LeadProfiles.distinct(p.preferredAreas());
                case "timeframe" -> l.timeframe = p.timeframe();
                case "tags" -> l.tags = LeadProfiles.distinct(p.tags());
                case "consent" -> {
                    if (p.consent() != null) {
                        p.consent().applyTo(l);
                    }
                }
                case "timezone" -> l.timezone = p.timezone();
                default -> throw new IllegalStateException(field);
            }
            if (!java.util.Objects.equals(before, snapshot(l, field))) {
                changed.add(field);
            }
        }
        if (l.budgetMin != null && l.budgetMax != null && l.budgetMin.compareTo(l.budgetMax) > 0) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("budgetMin", "budgetMin must not exceed budgetMax"))));
        }
        return changed;
    }

    private static Object snapshot(Lead l, String field) {
        return switch (field) {
            case "firstName" -> l.firstName;
            case "lastName" -> l.lastName;
            case "emails" -> List.of(l.emails);
            case "phones" -> List.of(l.phones);
            case "source" -> l.source;
            case "type" -> l.type;
            case "city" -> l.city;
            case "postalCode" -> l.postalCode;
            case "propertyType" -> l.propertyType;
            case "budgetMin" -> l.budgetMin == null ? null : l.budgetMin.stripTrailingZeros();
            case "budgetMax" -> l.budgetMax == null ? null : l.budgetMax.stripTrailingZeros();
            case "preferredAreas" -> List.of(l.preferredAreas);
            case "timeframe" -> l.timeframe;
            case "tags" -> List.of(l.tags);
            case "consent" -> List.of(String.valueOf(l.consentEmail), String.valueOf(l.consentSms),
                    String.valueOf(l.consentCall), String.valueOf(l.consentPush));
            case "timezone" -> l.timezone;
            default -> null;
        };
    }

    @FunctionalInterface
    private interface Change {
        Uni<Lead> apply(Lead lead, Instant now);
    }
}
