package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.routing.api.AgentGroupMemberRequest;
import com.keystone.crm.lead.routing.api.AgentGroupRequest;
import com.keystone.crm.lead.routing.api.AgentGroupView;
import com.keystone.crm.lead.routing.domain.AgentGroup;
import com.keystone.crm.lead.routing.domain.AgentGroupMember;
import com.keystone.crm.lead.routing.repository.AgentGroupMemberRepository;
import com.keystone.crm.lead.routing.repository.AgentGroupRepository;
import com.keystone.crm.lead.routing.repository.RoutingRuleRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Agent groups: a name, a strategy and members in rotation order. Changes lock the group row, as routing does, so
 * a membership change and a lead being routed to the group never interleave. Members that stay keep their
 * rotation state across an update; new ones start fresh.
 */
@ApplicationScoped
public class AgentGroupService {
    static final String LIST = "agent-groups";
    public static final String IDEMPOTENCY_SCOPE = "agent-group.create";

    private final AgentGroupRepository groups;
    private final AgentGroupMemberRepository members;
    private final RoutingRuleRepository rules;
    private final AssignmentEligibility eligibility;
    private final TenantGuard tenantGuard;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public AgentGroupService(AgentGroupRepository groups, AgentGroupMemberRepository members, RoutingRuleRepository rules,
                             AssignmentEligibility eligibility, TenantGuard tenantGuard, CursorCodec cursorCodec,
                             CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.groups = groups;
        this.members = members;
        this.rules = rules;
        this.eligibility = eligibility;
        this.tenantGuard = tenantGuard;
    }

    /** Groups ordered by name. */
    @WithSession
    public Uni<Page<AgentGroupView>> list(Caller caller, int limit, String cursor) {
        Keyset keyset = cursorCodec.list(LIST);
        Cursor after = keyset.decode(cursor);
        String name = after == null ? null : after.key(0);
        UUID id = after == null ? null : after.uuid();
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> groups.page(caller.tenantId(), name, id, limit + 1))
                .chain(found -> {
                    Page<AgentGroup> page = keyset.page(found, limit, g -> g, g -> Cursor.at(g.id, g.name));
                    return members.ofGroups(page.items().stream().map(g -> g.id).toList()).map(all -> {
                        Map<UUID, List<AgentGroupMember>> byGroup = all.stream()
                                .collect(Collectors.groupingBy(m -> m.groupId));
                        return page.map(g -> AgentGroupView.of(g, byGroup.getOrDefault(g.id, List.of())));
                    });
                });
    }

    @WithSession
    public Uni<AgentGroupView> get(Caller caller, UUID id) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> groups.findInTenant(caller.tenantId(), id))
                .map(group -> require(group, id))
                .chain(this::view);
    }

    /** Creates a group (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<AgentGroupView> create(Caller caller, AgentGroupRequest request) {
        return tenantGuard.requireKnown(caller.tenantId()).chain(() -> insert(caller.tenantId(), request));
    }

    private Uni<AgentGroupView> insert(String tenantId, AgentGroupRequest request) {
        Instant now = now();
        AgentGroup group = new AgentGroup();
        group.id = UUID.randomUUID();
        group.tenantId = tenantId;
        group.name = request.name();
        group.strategy = request.strategy();
        group.createdAt = now;
        group.updatedAt = now;
        return requireFreeName(tenantId, request.name(), group.id)
                .chain(() -> requireMembers(tenantId, request.members()))
                .chain(() -> groups.persist(group))
                .chain(() -> replaceMembers(group, List.of(), request.members()))
                .call(RoutingPreconditions::flush)
                .map(saved -> AgentGroupView.of(group, saved));
    }

    @WithTransaction
    public Uni<AgentGroupView> update(Caller caller, UUID id, AgentGroupRequest request, String ifMatch) {
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> groups.lockInTenant(tenantId, id))
                .map(group -> require(group, id))
                .call(group -> {
                    RoutingPreconditions.check(ifMatch, group.aggregateVersion(), true);
                    return requireFreeName(tenantId, request.name(), id)
                            .chain(() -> requireMembers(tenantId, request.members()));
                })
                .chain(group -> {
                    group.name = request.name();
                    group.strategy = request.strategy();
                    group.updatedAt = now();
                    return members.ofGroup(id)
                            .chain(current -> replaceMembers(group, current, request.members()))
                            .call(RoutingPreconditions::flush)
                            .map(saved -> AgentGroupView.of(group, saved));
                });
    }

    /** A group that a routing rule points to cannot go (409): re-point or delete the rules first. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, String ifMatch) {
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> groups.lockInTenant(tenantId, id))
                .map(group -> require(group, id))
                .call(group -> {
                    RoutingPreconditions.check(ifMatch, group.aggregateVersion(), true);
                    return rules.countTargeting(id).invoke(n -> {
                        if (n > 0) {
                            throw ProblemException.conflict("agent-group-in-use", "Group '" + group.name + "' is the target of "
                                    + n + " routing rule(s); re-point them first");
                        }
                    });
                })
                .call(group -> members.delete("groupId = ?1", id))
                .chain(groups::delete);
    }

    /**
     * Rewrites the members in the requested order. Rows of members who stay are kept (their weighted-round-robin
     * running weight with them); a member who left is deleted, a new one starts at 0.
     */
    private Uni<List<AgentGroupMember>> replaceMembers(AgentGroup group, List<AgentGroupMember> current,
                                                       List<AgentGroupMemberRequest> wanted) {
        Map<String, AgentGroupMember> existing = current.stream()
                .collect(Collectors.toMap(m -> m.userId, Function.identity()));
        List<String> wantedIds = wanted.stream().map(AgentGroupMemberRequest::userId).toList();
        List<AgentGroupMember> gone = current.stream().filter(m -> !wantedIds.contains(m.userId)).toList();
        List<AgentGroupMember> result = new ArrayList<>();
        List<AgentGroupMember> fresh = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            AgentGroupMemberRequest w = wanted.get(i);
            AgentGroupMember m = existing.get(w.userId());
            if (m == null) {
                m = new AgentGroupMember();
                m.id = UUID.randomUUID();
                m.groupId = group.id;
                m.userId = w.userId();
                fresh.add(m);
            }
            m.weight = w.weight();
            m.position = i;
            result.add(m);
        }
        return Multi.createFrom().iterable(gone).onItem().transformToUniAndConcatenate(members::delete).collect().asList()
                .chain(() -> fresh.isEmpty() ? Uni.createFrom().voidItem() : members.persist(fresh))
                .replaceWith(result);
    }

    /** Every member must be an active agent of the tenant (422 naming the first that is not). */
    private Uni<Void> requireMembers(String tenantId, List<AgentGroupMemberRequest> wanted) {
        return Multi.createFrom().iterable(wanted)
                .onItem().transformToUniAndConcatenate(m -> eligibility.requireAssignable(tenantId, m.userId(), "member"))
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> requireFreeName(String tenantId, String name, UUID self) {
        return groups.nameTaken(tenantId, name, self).invoke(taken -> {
            if (taken) {
                throw ProblemException.conflict("agent-group-name-taken", "There is already a group named '" + name + "'");
            }
        }).replaceWithVoid();
    }

    private Uni<AgentGroupView> view(AgentGroup group) {
        return members.ofGroup(group.id).map(list -> AgentGroupView.of(group, list));
    }

    private static AgentGroup require(AgentGroup group, UUID id) {
        if (group == null) {
            throw ProblemException.notFound("Agent group " + id);
        }
        return group;
    }


    private Instant now() {
        return clock.now();
    }
}
