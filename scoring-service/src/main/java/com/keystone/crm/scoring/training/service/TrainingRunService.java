package com.keystone.crm.scoring.training.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.training.domain.TrainingRun;
import com.keystone.crm.scoring.training.repository.TrainingRunRepository;
import com.keystone.crm.scoring.training.repository.TrainingSetRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Training runs on demand (on an uploaded set or on the feature store) and their progress. */
@ApplicationScoped
public class TrainingRunService {
    private final TrainingRunRepository runs;
    private final TrainingSetRepository sets;
    private final CrmClock clock;
    private final ObjectMapper mapper;

    public TrainingRunService(TrainingRunRepository runs, TrainingSetRepository sets, CrmClock clock, ObjectMapper mapper) {
        this.runs = runs;
        this.sets = sets;
        this.clock = clock;
        this.mapper = mapper;
    }

    static TrainingRun queued(String tenantId, String userId, String source, UUID setId, Set<String> allowLeakage, Instant now) {
        TrainingRun run = new TrainingRun();
        run.id = UUID.randomUUID();
        run.tenantId = tenantId;
        run.source = source;
        run.trainingSetId = setId;
        run.allowLeakage = allowLeakage == null ? new String[0] : allowLeakage.stream().sorted().toArray(String[]::new);
        run.status = "queued";
        run.requestedBy = userId;
        run.createdAt = now;
        return run;
    }

    @WithTransaction
    public Uni<TrainingRunView> request(Caller caller, TrainingRunRequest request) {
        String source = request.source() == null ? (request.trainingSetId() == null ? TrainingRun.SOURCE_EVENTS : TrainingRun.SOURCE_SET)
                : request.source();
        String tenantId = caller.tenantId();
        Uni<Void> check = Uni.createFrom().voidItem();
        if (TrainingRun.SOURCE_SET.equals(source)) {
            if (request.trainingSetId() == null) {
                throw new ProblemException(Problem.of("validation", "Bad Request", 400, "Name the training set")
                        .withErrors(List.of(new Problem.FieldError("trainingSetId", "required for source training-set"))));
            }
            check = sets.findInTenant(tenantId, request.trainingSetId()).map(set -> {
                if (set == null) {
                    throw ProblemException.notFound("Training set " + request.trainingSetId());
                }
                return null;
            });
        } else if (request.trainingSetId() != null) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "A run on events names no training set")
                    .withErrors(List.of(new Problem.FieldError("trainingSetId", "not allowed with source events"))));
        }
        String finalSource = source;
        return check.chain(() -> runs.persist(queued(tenantId, caller.userId(), finalSource, request.trainingSetId(),
                request.allowLeakage(), clock.now()))).map(this::view);
    }

    /**
     * In the caller's transaction: a run on the feature store started by the schedule ({@code trigger} scheduled or
     * drift); its model is proposed as a challenger, never made champion over a serving one.
     */
    public Uni<TrainingRun> queueScheduled(String tenantId, String trigger, String actor) {
        TrainingRun run = queued(tenantId, actor, TrainingRun.SOURCE_EVENTS, null, null, clock.now());
        run.trigger = trigger;
        return runs.persist(run);
    }

    /** In the caller's session: whether the tenant has a run waiting or running (a scheduled one is not stacked on it). */
    public Uni<Boolean> pending(String tenantId) {
        return runs.count("tenantId = ?1 and status in ('queued', 'running')", tenantId).map(n -> n > 0);
    }

    @WithSession
    public Uni<TrainingRunView> get(Caller caller, UUID id) {
        return runs.findInTenant(caller.tenantId(), id).map(run -> {
            if (run == null) {
                throw ProblemException.notFound("Training run " + id);
            }
            return view(run);
        });
    }

    TrainingRunView view(TrainingRun r) {
        return new TrainingRunView(r.id, r.source, r.trainingSetId, r.status, List.of(r.allowLeakage), r.requestedBy,
                r.createdAt, r.startedAt, r.finishedAt, r.attempts, r.modelId, tree(r.result), tree(r.error), r.trigger);
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
