package com.keystone.crm.scoring.training.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.learning.DataProblem;
import com.keystone.crm.scoring.learning.DataReport;
import com.keystone.crm.scoring.learning.PreparedData;
import com.keystone.crm.scoring.learning.TableSpec;
import com.keystone.crm.scoring.training.domain.TrainingRun;
import com.keystone.crm.scoring.training.domain.TrainingSet;
import com.keystone.crm.scoring.training.repository.TrainingRunRepository;
import com.keystone.crm.scoring.training.repository.TrainingSetRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Uploads of historical training sets: the file is read and checked at once (a file that cannot make a model is a
 * 422 naming the field, nothing is stored), the data report answers, and a training run is queued.
 */
@ApplicationScoped
public class TrainingSetService {
    private final TrainingSetRepository sets;
    private final TrainingRunRepository runs;
    private final TrainingDefaults defaults;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ObjectMapper mapper;
    private final Vertx vertx;

    public TrainingSetService(TrainingSetRepository sets, TrainingRunRepository runs, TrainingDefaults defaults,
                              ScoringConfig config, CrmClock clock, ObjectMapper mapper, Vertx vertx) {
        this.sets = sets;
        this.runs = runs;
        this.defaults = defaults;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    /** An uploaded file (multipart): read off the event loop, then as a body. */
    public Uni<TrainingSetView> upload(Caller caller, Path file, long size, String fileName, UploadSpec spec) {
        checkSize(size);
        return vertx.executeBlocking(() -> Files.readAllBytes(file)).chain(bytes -> upload(caller, bytes, fileName, spec));
    }

    public Uni<TrainingSetView> upload(Caller caller, byte[] content, String fileName, UploadSpec spec) {
        if (content == null || content.length == 0) {
            throw new ProblemException(Problem.of("file-missing", "Bad Request", 400, "Send the CSV file")
                    .withErrors(java.util.List.of(new Problem.FieldError("file", "required"))));
        }
        checkSize(content.length);
        String tenantId = caller.tenantId();
        String userId = caller.userId();
        TableSpec table = spec.table();
        // reading and checking a large file is CPU work: off the event loop, the answer back on it
        return vertx.executeBlocking(() -> prepare(content, table))
                .chain(prepared -> Panache.withTransaction(() -> store(tenantId, userId, content, fileName, spec, prepared.report())));
    }

    private void checkSize(long bytes) {
        if (bytes > config.training().maxFileBytes()) {
            throw new ProblemException(Problem.of("payload-too-large", "Content Too Large", 413, "The file has "
                    + bytes + " bytes; the limit is " + config.training().maxFileBytes()));
        }
    }

    PreparedData prepare(byte[] content, TableSpec table) {
        try {
            return defaults.preparation().prepare(defaults.reader().read(content), table);
        } catch (DataProblem p) {
            throw TrainingDefaults.problem(p);
        }
    }

    private Uni<TrainingSetView> store(String tenantId, String userId, byte[] content, String fileName, UploadSpec spec,
                                       DataReport report) {
        TrainingSet set = new TrainingSet();
        set.id = UUID.randomUUID();
        set.tenantId = tenantId;
        set.createdBy = userId;
        set.createdAt = clock.now();
        set.fileName = fileName;
        set.sha256 = sha256(content);
        set.content = content;
        set.spec = json(spec.table());
        set.report = json(report);
        return sets.persist(set).chain(saved -> {
            if (!spec.trains()) {
                return Uni.createFrom().item(view(saved, spec.table(), report, null));
            }
            TrainingRun run = TrainingRunService.queued(tenantId, userId, TrainingRun.SOURCE_SET, saved.id,
                    spec.table().allowLeakage(), clock.now());
            return runs.persist(run).map(r -> view(saved, spec.table(), report, r.id));
        });
    }

    @WithSession
    public Uni<TrainingSetView> get(Caller caller, UUID id) {
        return sets.findInTenant(caller.tenantId(), id).map(set -> {
            if (set == null) {
                throw ProblemException.notFound("Training set " + id);
            }
            try {
                return view(set, mapper.readValue(set.spec, TableSpec.class), mapper.readValue(set.report, DataReport.class), null);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static TrainingSetView view(TrainingSet set, TableSpec spec, DataReport report, UUID runId) {
        return new TrainingSetView(set.id, set.fileName, set.sha256, set.createdAt, spec, report, runId);
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
