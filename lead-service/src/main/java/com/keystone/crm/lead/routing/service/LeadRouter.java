package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.routing.domain.AgentGroup;
import com.keystone.crm.lead.routing.domain.AgentGroupMember;
import com.keystone.crm.lead.routing.domain.AgentGroupStrategy;
import com.keystone.crm.lead.routing.domain.AssignmentMethod;
import com.keystone.crm.lead.routing.domain.RoutingRule;
import com.keystone.crm.lead.routing.repository.AgentGroupMemberRepository;
import com.keystone.crm.lead.routing.repository.AgentGroupRepository;
import com.keystone.crm.lead.routing.repository.RoutingRuleRepository;
import com.keystone.crm.lead.routing.service.AssignmentRecorder.Decision;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Assigns a lead created without an assignee, inside the creating transaction. The tenant's rules are tried in
 * order; the first one that matches and has someone available decides (a rule naming a paused or inactive agent,
 * or a group with nobody available, falls through to the next matching rule). The catch-all, last and matching
 * everything, decides otherwise; if it finds nobody either, the lead stays unassigned and the stored decision says
 * why. Every decision is stored; an assignment is published as {@code lead.assigned}.
 */
@ApplicationScoped
public class LeadRouter {
    private final RoutingRuleRepository rules;
    private final AgentGroupRepository groups;
    private final AgentGroupMemberRepository members;
    private final AvailabilityCheck availability;
    private final AssignmentRecorder recorder;
    private final CrmClock clock;

    public LeadRouter(RoutingRuleRepository rules, AgentGroupRepository groups, AgentGroupMemberRepository members,
                      AvailabilityCheck availability, AssignmentRecorder recorder, CrmClock clock) {
        this.clock = clock;
        this.rules = rules;
        this.groups = groups;
        this.members = members;
        this.availability = availability;
        this.recorder = recorder;
    }

    /** Needs the creating transaction; the lead has been persisted and has no assignee. */
    public Uni<Void> routeNewLead(Lead lead, String actorId) {
        Instant now = clock.now();
        List<String> passed = new ArrayList<>();
        // the insert goes first, so that the assignment is a change of the lead with a version of its own
        return Panache.flush()
                .chain(() -> rules.ensureCatchAll(lead.tenantId, now))
                .chain(() -> rules.ordered(lead.tenantId))
                .chain(ordered -> decide(lead, ordered, 0, passed, now))
                .map(o -> o.assignee() == null || passed.isEmpty() ? o : withPassed(o, passed))
                .chain(outcome -> outcome.assignee() == null
                        ? recorder.leaveUnassigned(lead, outcome.decision(), actorId)
                        : recorder.assign(lead, outcome.assignee().agent(), outcome.decision(), AssignmentRecorder.ROUTING_ACTOR, actorId))
                .replaceWithVoid();
    }

    /** The decision, and the chosen agent's status (null when nobody was available). */
    record Outcome(Decision decision, AvailabilityCheck.Status assignee) {
    }

    /** Tries rules[i..]; {@code passed} collects why earlier matching rules did not decide. */
    private Uni<Outcome> decide(Lead lead, List<RoutingRule> ordered, int i, List<String> passed, Instant now) {
        if (i == ordered.size()) {
            // only if the catch-all vanished between its creation and this read (it cannot be deleted)
            passed.add("no rule decided");
            return Uni.createFrom().item(new Outcome(new Decision(AssignmentMethod.UNASSIGNED, null, null, null, null,
                    unassignedReason(passed)), null));
        }
        RoutingRule rule = ordered.get(i);
        var matched = RoutingRuleMatcher.match(rule, lead);
        if (matched.isEmpty()) {
            return decide(lead, ordered, i + 1, passed, now);
        }
        String head = "rule '" + rule.name + "' matched " + matched.get();
        Uni<Attempt> attempt;
        if (rule.targetAgentId != null) {
            attempt = direct(lead, rule, head, now);
        } else if (rule.targetGroupId != null) {
            attempt = viaGroup(lead, rule, head, now);
        } else {
            attempt = Uni.createFrom().item(new Attempt(null, head + " but points to nobody"));
        }
        return attempt.chain(a -> {
            if (a.outcome() != null) {
                return Uni.createFrom().item(a.outcome());
            }
            passed.add(a.note());
            if (rule.catchAll || i == ordered.size() - 1) {
                return Uni.createFrom().item(new Outcome(new Decision(AssignmentMethod.UNASSIGNED, rule.id, rule.name,
                        rule.targetGroupId, null, unassignedReason(passed)), null));
            }
            return decide(lead, ordered, i + 1, passed, now);
        });
    }

    /** One rule's try: an outcome, or a note on why it could not decide. */
    private record Attempt(Outcome outcome, String note) {
    }

    private Uni<Attempt> direct(Lead lead, RoutingRule rule, String head, Instant now) {
        return availability.of(lead.tenantId, List.of(rule.targetAgentId), now).map(statuses -> {
            AvailabilityCheck.Status s = statuses.get(rule.targetAgentId);
            if (!s.available()) {
                return new Attempt(null, head + " but " + rule.targetAgentId + " is " + s.unavailableBecause());
            }
            return new Attempt(new Outcome(new Decision(AssignmentMethod.DIRECT, rule.id, rule.name, null, null,
                    head + "; agent " + rule.targetAgentId), s), null);
        });
    }

    /**
     * The group's turn, under the group row's lock (held to the end of the transaction): a concurrent lead for
     * the same group waits here and then sees this one's choice.
     */
    private Uni<Attempt> viaGroup(Lead lead, RoutingRule rule, String head, Instant now) {
        return groups.lockInTenant(lead.tenantId, rule.targetGroupId).chain(group -> {
            if (group == null) {
                return Uni.createFrom().item(new Attempt(null, head + " but its group no longer exists"));
            }
            return members.ofGroup(group.id).chain(list -> availability.of(lead.tenantId,
                            list.stream().map(m -> m.userId).toList(), now)
                    .map(statuses -> turn(rule, head, group, list, statuses)));
        });
    }

    private static Attempt turn(RoutingRule rule, String head, AgentGroup group, List<AgentGroupMember> list,
                                Map<String, AvailabilityCheck.Status> statuses) {
        String groupText = "group '" + group.name + "'";
        if (list.isEmpty()) {
            return new Attempt(null, head + " but " + groupText + " has no members");
        }
        boolean weighted = group.strategy == AgentGroupStrategy.WEIGHTED_ROUND_ROBIN;
        String previousTurn = group.lastAgentId;
        AgentGroupRotation.Turn turn = weighted
                ? AgentGroupRotation.smoothWeighted(list, id -> statuses.get(id).available())
                : AgentGroupRotation.roundRobin(list, previousTurn, id -> statuses.get(id).available());
        String skipped = turn.skipped().stream()
                .map(m -> m.userId + " " + statuses.get(m.userId).unavailableBecause())
                .collect(Collectors.joining(", "));
        if (turn.chosen().isEmpty()) {
            return new Attempt(null, head + " but nobody in " + groupText + " is available (" + skipped + ")");
        }
        AgentGroupMember chosen = turn.chosen().get();
        group.lastAgentId = chosen.userId;
        StringBuilder reason = new StringBuilder(head).append("; ").append(groupText);
        if (weighted) {
            reason.append(" weighted round robin (").append(list.stream().map(m -> m.userId + "=" + m.weight)
                    .collect(Collectors.joining(", "))).append(") → ").append(chosen.userId);
        } else {
            reason.append(" round robin → ").append(chosen.userId)
                    .append(previousTurn == null ? " (first turn)" : " (next after " + previousTurn + ")");
        }
        if (!skipped.isEmpty()) {
            reason.append("; skipped ").append(skipped);
        }
        return new Attempt(new Outcome(new Decision(AssignmentMethod.of(group.strategy), rule.id, rule.name, group.id,
                group.name, reason.toString()), statuses.get(chosen.userId)), null);
    }

    /** Earlier matching rules that could not decide come first in the reason: they explain the fall-through. */
    private static Outcome withPassed(Outcome o, List<String> passed) {
        Decision d = o.decision();
        String reason = String.join("; ", passed) + "; then " + d.reason();
        return new Outcome(new Decision(d.method(), d.ruleId(), d.ruleName(), d.groupId(), d.groupName(), reason), o.assignee());
    }

    private static String unassignedReason(List<String> passed) {
        return String.join("; ", passed) + "; nobody available: the lead stays unassigned";
    }
}
