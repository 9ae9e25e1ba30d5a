package com.keystone.crm.scoring.score.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.Reason;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.scoring.ab.repository.AbExposureRepository;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.policy.service.PolicyService;
import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.feature.repository.LeadStateRepository;
import com.keystone.crm.scoring.feature.service.FeatureStore;
import com.keystone.crm.scoring.score.domain.Contribution;
import com.keystone.crm.scoring.score.domain.LeadScore;
import com.keystone.crm.scoring.score.domain.ScoreResult;
import com.keystone.crm.scoring.score.repository.LeadScoreRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Scores a lead from its current features and keeps the result; publishes lead.scored (through the outbox, in the
 * same transaction) only when the score moved by at least the configured points, the tier changed or another model
 * answered, so a stream of small events does not flood consumers.
 */
@ApplicationScoped
public class ScoreService {
    private final FeatureStore features;
    private final LeadStateRepository states;
    private final LeadScoreRepository scores;
    private final Scorer scorer;
    private final OutboxWriter outbox;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ObjectMapper mapper;
    private final PolicyService policies;
    private final AbExposureRepository exposures;

    public ScoreService(FeatureStore features, LeadStateRepository states, LeadScoreRepository scores, Scorer scorer,
                        OutboxWriter outbox, ScoringConfig config, CrmClock clock, ObjectMapper mapper,
                        PolicyService policies, AbExposureRepository exposures) {
        this.policies = policies;
        this.exposures = exposures;
        this.features = features;
        this.states = states;
        this.scores = scores;
        this.scorer = scorer;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Re-scores a lead; true when lead.scored was published. */
    @WithTransaction
    public Uni<Boolean> rescore(String tenantId, UUID leadId) {
        return states.findInTenant(tenantId, leadId).chain(state -> {
            if (state == null || state.deleted) {
                return Uni.createFrom().item(false);
            }
            return features.current(tenantId, leadId)
                    .chain(f -> scorer.score(tenantId, leadId, f))
                    .call(result -> track(state, result))
                    .chain(result -> scores.findById(leadId).chain(previous -> store(state, previous, result)));
        });
    }

    /**
     * A/B outcomes: a lead that reached a converted status counts as converted in every test it is in (its
     * prediction stays the one made before); otherwise its latest prediction in the running test is kept.
     */
    private Uni<Void> track(LeadState state, ScoreResult result) {
        return policies.get(state.tenantId).chain(view -> {
            if (state.status != null && view.policy().convertedStatuses().contains(state.status)) {
                return exposures.converted(state.tenantId, state.leadId, clock.now());
            }
            if (result.experimentId() == null || result.fallback()) {
                return Uni.createFrom().voidItem();
            }
            return exposures.predicted(result.experimentId(), state.tenantId, state.leadId, result.variant(),
                    result.modelVersion(), result.probability(), clock.now());
        });
    }

    private Uni<Boolean> store(LeadState state, LeadScore previous, ScoreResult result) {
        LeadScore s = previous == null ? new LeadScore() : previous;
        boolean material = previous == null || previous.publishedScore == null
                || Math.abs(result.score() - previous.publishedScore) >= config.publishMinChange()
                || !result.tier().equals(previous.publishedTier)
                || !result.modelVersion().equals(previous.publishedModel);
        s.leadId = state.leadId;
        s.tenantId = state.tenantId;
        s.score = result.score();
        s.tier = result.tier();
        s.modelVersion = result.modelVersion();
        s.variant = result.variant();
        s.fallback = result.fallback();
        s.reasons = json(result.topReasons());
        s.leadVersion = state.leadVersion > 0 ? state.leadVersion : null;
        s.scoredAt = clock.now();
        if (!material) {
            return (previous == null ? scores.persist(s) : Uni.createFrom().item(s)).replaceWith(false);
        }
        Double publishedBefore = s.publishedScore;
        String tierBefore = s.publishedTier;
        s.version = s.version + 1;
        s.publishedScore = result.score();
        s.publishedTier = result.tier();
        s.publishedModel = result.modelVersion();
        LeadScored event = LeadScored.builder()
                .withLeadId(s.leadId)
                .withTenantId(s.tenantId)
                .withVersion(s.version)
                .withOccurredAt(s.scoredAt)
                .withScore(BigDecimal.valueOf(result.score()))
                .withTier(ScoreTier.fromValue(result.tier()))
                .withModelVersion(result.modelVersion())
                .withFallback(result.fallback())
                .withVariant(result.variant())
                .withPreviousScore(publishedBefore == null ? null : BigDecimal.valueOf(publishedBefore))
                .withPreviousTier(tierBefore == null ? null : ScoreTier.fromValue(tierBefore))
                .withLeadVersion(s.leadVersion)
                .withReasons(reasons(result.topReasons()))
                .build();
        return (previous == null ? scores.persist(s) : Uni.createFrom().item(s))
                .call(() -> outbox.append(OutboxEvent.of("lead", s.leadId.toString(), event)))
                .replaceWith(true);
    }

    /** The lead's score now, with every contribution; another tenant's or an invisible lead is 404. */
    @WithSession
    public Uni<ScoreView> explain(Caller caller, UUID leadId) {
        String tenantId = caller.tenantId();
        return scores.withState(tenantId, leadId).chain(lead -> {
            if (lead == null || lead.state().deleted || !visible(caller, lead.state())) {
                throw ProblemException.notFound("Lead " + leadId);
            }
            return features.current(tenantId, leadId)
                    .chain(f -> scorer.score(tenantId, leadId, f))
                    .map(result -> ScoreView.of(leadId, result, lead.score()));
        });
    }

    static boolean visible(Caller caller, LeadState state) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.userId().equals(state.assignedAgentId)) {
            return true;
        }
        return caller.isTeamLead() && state.teamId != null && caller.teamId().map(state.teamId::equals).orElse(false);
    }

    private static List<Reason> reasons(List<Contribution> top) {
        return top.stream().map(c -> (Reason) Reason.builder()
                .withFeature(c.feature().length() > 100 ? c.feature().substring(0, 100) : c.feature())
                .withContribution(BigDecimal.valueOf(c.contribution()))
                .withDescription(c.description().length() > 500 ? c.description().substring(0, 500) : c.description())
                .build()).toList();
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record ScoreView(UUID leadId, double score, double probability, String tier, String modelVersion,
                            String variant, boolean fallback, String fallbackReason, String contributionUnit,
                            List<Contribution> reasons, List<Contribution> contributions, Double publishedScore,
                            String publishedTier, java.time.Instant scoredAt) {
        static ScoreView of(UUID leadId, ScoreResult r, LeadScore stored) {
            return new ScoreView(leadId, r.score(), Scorer.round(r.probability()), r.tier(), r.modelVersion(), r.variant(),
                    r.fallback(), r.fallbackReason(), r.contributionUnit(), r.topReasons(), r.contributions(),
                    stored == null ? null : stored.publishedScore, stored == null ? null : stored.publishedTier,
                    stored == null ? null : stored.scoredAt);
        }
    }
}
