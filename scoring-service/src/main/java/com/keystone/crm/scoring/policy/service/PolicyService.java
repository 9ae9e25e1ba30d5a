package com.keystone.crm.scoring.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.model.service.ModelAudit;
import com.keystone.crm.scoring.policy.domain.PolicyRow;
import com.keystone.crm.scoring.policy.domain.ScoringPolicy;
import com.keystone.crm.scoring.policy.repository.PolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A tenant's label definition and points table: the defaults until an admin edits them (audited). */
@ApplicationScoped
public class PolicyService {
    static final Set<String> STATUSES = Set.of("new", "attempted-contact", "contacted", "appointment-set", "active-client",
            "under-contract", "closed-won", "lost", "archived");

    private final PolicyRepository policies;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ModelAudit audit;
    private final ObjectMapper mapper;

    public PolicyService(PolicyRepository policies, ScoringConfig config, CrmClock clock, ModelAudit audit, ObjectMapper mapper) {
        this.policies = policies;
        this.config = config;
        this.clock = clock;
        this.audit = audit;
        this.mapper = mapper;
    }

    public ScoringPolicy defaults() {
        return ScoringPolicy.defaults(config.labels().convertedStatuses(), config.labels().window().getDays());
    }

    @WithSession
    public Uni<PolicyView> get(String tenantId) {
        return policies.findById(tenantId).map(this::view);
    }

    @WithTransaction
    public Uni<PolicyView> replace(Caller caller, ScoringPolicy policy, long expectedVersion) {
        String unknown = policy.convertedStatuses().stream().filter(s -> !STATUSES.contains(s)).collect(Collectors.joining(", "));
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-status", "convertedStatuses names statuses that do not exist: "
                    + unknown + " (known: " + Stream.of(STATUSES.toArray(String[]::new)).sorted().collect(Collectors.joining(", ")) + ")");
        }
        String tenantId = caller.tenantId();
        return policies.findById(tenantId).chain(row -> {
            long current = row == null ? 0 : row.version;
            if (current != expectedVersion) {
                throw ProblemException.preconditionFailed("The policy has changed (version " + current + ")");
            }
            PolicyRow r = row == null ? new PolicyRow() : row;
            r.tenantId = tenantId;
            r.policy = json(policy);
            r.version = current + 1;
            r.updatedBy = caller.userId();
            r.updatedAt = clock.now();
            Uni<PolicyRow> saved = row == null ? policies.persist(r) : Uni.createFrom().item(r);
            return saved.call(() -> audit.record(tenantId, null, "policy-changed", caller.userId(), "version " + r.version))
                    .map(this::view);
        });
    }

    private PolicyView view(PolicyRow row) {
        if (row == null) {
            return new PolicyView(defaults(), 0);
        }
        try {
            return new PolicyView(mapper.readValue(row.policy, ScoringPolicy.class), row.version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy of " + row.tenantId + " is not readable", e);
        }
    }

    private String json(ScoringPolicy p) {
        try {
            return mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
