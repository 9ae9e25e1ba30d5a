package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.routing.api.RoutingRuleCriteria;
import com.keystone.crm.lead.routing.api.RoutingRuleOrderRequest;
import com.keystone.crm.lead.routing.api.RoutingRuleRequest;
import com.keystone.crm.lead.routing.api.RoutingRuleView;
import com.keystone.crm.lead.routing.domain.RoutingRule;
import com.keystone.crm.lead.routing.repository.AgentGroupRepository;
import com.keystone.crm.lead.routing.repository.RoutingRuleRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant's routing rules. Every change to the list first locks the tenant's catch-all rule (created on first use),
 * so positions are computed from a list nobody else is changing; the catch-all stays last, cannot be deleted and can
 * only be renamed or re-pointed.
 */
@ApplicationScoped
public class RoutingRuleService {
    static final String LIST = "routing-rules";
    public static final String IDEMPOTENCY_SCOPE = "routing-rule.create";

    private final RoutingRuleRepository rules;
    private final AgentGroupRepository groups;
    private final AssignmentEligibility eligibility;
    private final TenantGuard tenantGuard;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public RoutingRuleService(RoutingRuleRepository rules, AgentGroupRepository groups, AssignmentEligibility eligibility,
                              TenantGuard tenantGuard, CursorCodec cursorCodec, CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.rules = rules;
        this.groups = groups;
        this.eligibility = eligibility;
        this.tenantGuard = tenantGuard;
    }

    /** The rules in evaluation order. A transaction: the first look at a tenant's rules creates its catch-all. */
    @WithTransaction
    public Uni<Page<RoutingRuleView>> list(Caller caller, int limit, String cursor) {
        Keyset keyset = cursorCodec.list(LIST);
        Cursor position = keyset.decode(cursor);
        int after = position == null ? 0 : position.intKey(0);
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> rules.ensureCatchAll(tenantId, now()))
                .chain(() -> rules.page(tenantId, after, limit + 1))
                .map(found -> keyset.page(found, limit, RoutingRuleView::of, r -> Cursor.at(r.id, r.position)));
    }

    @WithTransaction
    public Uni<RoutingRuleView> get(Caller caller, UUID id) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> require(caller.tenantId(), id))
                .map(RoutingRuleView::of);
    }

    /** A new rule goes just before the catch-all; PUT /routing-rules/order moves it. */
    @WithTransaction
    public Uni<RoutingRuleView> create(Caller caller, RoutingRuleRequest request) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> insert(caller, request))
                .map(RoutingRuleView::of);
    }

    private Uni<RoutingRule> insert(Caller caller, RoutingRuleRequest request) {
        String tenantId = caller.tenantId();
        requireTarget(request);
        Instant now = now();
        return lockList(tenantId, now)
                .call(() -> validateTarget(tenantId, request))
                .chain(catchAll -> {
                    RoutingRule rule = new RoutingRule();
                    rule.id = UUID.randomUUID();
                    rule.tenantId = tenantId;
                    rule.catchAll = false;
                    rule.position = catchAll.position;
                    catchAll.position = catchAll.position + 1;
                    apply(rule, request, now);
                    rule.createdAt = now;
                    return rules.persist(rule);
                })
                .call(RoutingPreconditions::flush);
    }

    @WithTransaction
    public Uni<RoutingRuleView> update(Caller caller, UUID id, RoutingRuleRequest request, String ifMatch) {
        String tenantId = caller.tenantId();
        Instant now = now();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> lockList(tenantId, now))
                .chain(() -> require(tenantId, id))
                .call(rule -> {
                    RoutingPreconditions.check(ifMatch, rule.aggregateVersion(), true);
                    if (rule.catchAll && !request.criteria().isEmpty()) {
                        throw ProblemException.unprocessable("catch-all-rule",
                                "The catch-all rule matches every lead: only its name and target can change");
                    }
                    if (!rule.catchAll) {
                        requireTarget(request);
                    }
                    return validateTarget(tenantId, request);
                })
                .invoke(rule -> apply(rule, request, now))
                .call(RoutingPreconditions::flush)
                .map(RoutingRuleView::of);
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, String ifMatch) {
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> lockList(tenantId, now()))
                .chain(() -> require(tenantId, id))
                .chain(rule -> {
                    if (rule.catchAll) {
                        throw ProblemException.conflict("catch-all-rule",
                                "The catch-all rule cannot be deleted; re-point it instead");
                    }
                    RoutingPreconditions.check(ifMatch, rule.aggregateVersion(), true);
                    int position = rule.position;
                    return rules.delete(rule)
                            .chain(() -> rules.update("position = position - 1 where tenantId = ?1 and position > ?2",
                                    tenantId, position));
                })
                .replaceWithVoid();
    }

    /** Sets the evaluation order: every rule once, the catch-all last; anything else is a 422 and changes nothing. */
    @WithTransaction
    public Uni<Page<RoutingRuleView>> reorder(Caller caller, RoutingRuleOrderRequest request) {
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> lockList(tenantId, now()))
                .chain(() -> rules.ordered(tenantId))
                .map(current -> {
                    List<UUID> wanted = request.ruleIds();
                    Set<UUID> existing = current.stream().map(r -> r.id).collect(Collectors.toSet());
                    if (wanted.size() != current.size() || new HashSet<>(wanted).size() != wanted.size()
                            || !existing.equals(new HashSet<>(wanted))) {
                        throw ProblemException.unprocessable("rule-order-mismatch", "ruleIds must name each of the "
                                + current.size() + " rules exactly once (the catch-all included)");
                    }
                    Map<UUID, RoutingRule> byId = current.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
                    if (!byId.get(wanted.get(wanted.size() - 1)).catchAll) {
                        throw ProblemException.unprocessable("catch-all-last", "The catch-all rule must stay last");
                    }
                    for (int i = 0; i < wanted.size(); i++) {
                        byId.get(wanted.get(i)).position = i + 1;
                    }
                    return wanted.stream().map(byId::get).map(RoutingRuleView::of).toList();
                })
                .call(RoutingPreconditions::flush)
                .map(Page::last);
    }

    /** The tenant's catch-all, created if need be and locked: the mutex of the tenant's rule list. */
    private Uni<RoutingRule> lockList(String tenantId, Instant now) {
        return rules.ensureCatchAll(tenantId, now).chain(() -> rules.lockCatchAll(tenantId));
    }

    private Uni<RoutingRule> require(String tenantId, UUID id) {
        return rules.findInTenant(tenantId, id).map(rule -> {
            if (rule == null) {
                throw ProblemException.notFound("Routing rule " + id);
            }
            return rule;
        });
    }

    private static void requireTarget(RoutingRuleRequest request) {
        if (request.agentId() == null && request.groupId() == null) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("agentId", "a rule needs an agentId or a groupId"))));
        }
    }

    /**
     * The target must exist now: an active agent of the tenant, or one of its groups. The group is locked so that a
     * concurrent delete of it either sees this rule (409) or finishes first (422 here).
     */
    private Uni<Void> validateTarget(String tenantId, RoutingRuleRequest request) {
        if (request.agentId() != null) {
            return eligibility.requireAssignable(tenantId, request.agentId(), "agentId").replaceWithVoid();
        }
        if (request.groupId() != null) {
            return groups.lockInTenant(tenantId, request.groupId()).map(group -> {
                if (group == null) {
                    throw ProblemException.unprocessable("unknown-group", "groupId " + request.groupId()
                            + " is not an agent group of this tenant");
                }
                return null;
            });
        }
        return Uni.createFrom().voidItem();
    }

    private static void apply(RoutingRule rule, RoutingRuleRequest request, Instant now) {
        RoutingRuleCriteria c = request.criteria();
        rule.name = request.name();
        rule.sources = c.sources().stream().map(LeadSource::wire).distinct().toArray(String[]::new);
        rule.leadTypes = c.types().stream().map(LeadType::wire).distinct().toArray(String[]::new);
        rule.priceMin = c.priceMin();
        rule.priceMax = c.priceMax();
        rule.postalCodes = trimmed(c.postalCodes());
        rule.cities = trimmed(c.cities());
        rule.propertyTypes = trimmed(c.propertyTypes());
        rule.targetAgentId = request.agentId();
        rule.targetGroupId = request.groupId();
        rule.updatedAt = now;
    }

    private static String[] trimmed(List<String> values) {
        return values.stream().map(String::trim).distinct().toArray(String[]::new);
    }


    private Instant now() {
        return clock.now();
    }
}
