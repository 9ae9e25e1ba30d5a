package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.importing.api.LeadImportJobView;
import com.keystone.crm.lead.importing.config.LeadImportConfig;
import com.keystone.crm.lead.importing.domain.ImportJobStatus;
import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.importing.domain.LeadImportJob;
import com.keystone.crm.lead.importing.repository.LeadImportFileRepository;
import com.keystone.crm.lead.importing.repository.LeadImportJobRepository;
import com.keystone.crm.platform.chassis.idempotency.RequestFingerprint;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepting an upload and reading jobs. An upload is checked completely before anything is stored (mapping,
 * header, named assignees), then the file is copied chunk by chunk into the database with its job, in one
 * transaction: the worker never sees half a file, and any instance's worker can run the job. The file is read
 * with Vert.x's asynchronous file API, so the request stays on its event loop with Hibernate Reactive.
 */
@ApplicationScoped
public class LeadImportService {
    static final String LIST = "lead-imports";
    public static final String IDEMPOTENCY_SCOPE = "lead.import";

    private final TenantGuard tenantGuard;
    private final LeadImportMappings mappings;
    private final LeadImportJobRepository jobs;
    private final LeadImportFileRepository files;
    private final LeadImportAgents agents;
    private final LeadImportWorker worker;
    private final LeadImportConfig config;
    private final Vertx vertx;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public LeadImportService(TenantGuard tenantGuard, LeadImportMappings mappings,
                             LeadImportJobRepository jobs, LeadImportFileRepository files, LeadImportAgents agents,
                             LeadImportWorker worker, LeadImportConfig config, Vertx vertx, CursorCodec cursorCodec, CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.tenantGuard = tenantGuard;
        this.mappings = mappings;
        this.jobs = jobs;
        this.files = files;
        this.agents = agents;
        this.worker = worker;
        this.config = config;
        this.vertx = vertx;
    }

    /** The upload's checked mapping, or a problem: no file (400), a bad mapping (400/422), a file too large (413). */
    public LeadImportMapping check(LeadImportUpload file, String mappingJson) {
        if (file == null) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The upload has no file; nothing was imported")
                    .withErrors(List.of(new Problem.FieldError("file", "is required: the CSV file as the multipart part named file"))));
        }
        LeadImportMapping mapping = mappings.parse(mappingJson);
        mappings.check(mapping);
        if (file.size() > config.maxFileBytes()) {
            throw new ProblemException(Problem.of("payload-too-large", "Content Too Large", 413,
                    "The file has " + file.size() + " bytes; the limit is " + config.maxFileBytes()));
        }
        return mapping;
    }

    /** What makes two uploads the same request (for Idempotency-Key): the mapping and the file's SHA-256. */
    public Uni<String> fingerprint(LeadImportUpload file, LeadImportMapping mapping) {
        return vertx.fileSystem().open(file.path().toString(), new OpenOptions().setRead(true))
                .chain(af -> digest(af, 0, sha256()).onTermination().call(af::close))
                .map(fileSha -> RequestFingerprint.sha256(mappings.toJson(mapping) + "\n" + fileSha));
    }

    /** Stores the file and queues a job (the resource makes it idempotent under an Idempotency-Key). */
    public Uni<LeadImportAccepted> upload(Caller caller, LeadImportUpload file, LeadImportMapping mapping) {
        String tenantId = caller.tenantId();
        String userId = caller.userId();
        return Panache.withTransaction(() -> tenantGuard.requireKnown(tenantId)
                        .chain(() -> vertx.fileSystem().open(file.path().toString(), new OpenOptions().setRead(true)))
                        .chain(af -> accept(tenantId, userId, file, mapping, af)
                                .onTermination().call(af::close)));
    }

    /** Wakes the import worker; call it once the job's transaction has committed, or the worker may not see it. */
    public void wake() {
        worker.wake();
    }

    @WithSession
    public Uni<LeadImportAccepted> get(Caller caller, UUID id) {
        return visible(caller, id).map(job -> new LeadImportAccepted(view(job), LeadImportJobView.etag(job)));
    }

    /** The cursors of the tenant's job list (signed for it: a cursor of another list is a 400). */
    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    @WithSession
    public Uni<Page<LeadImportJobView>> list(Caller caller, int limit, Cursor after) {
        return jobs.page(caller.tenantId(), after == null ? null : after.instant(0), after == null ? null : after.uuid(), limit + 1)
                .map(rows -> cursors().page(rows, limit, this::view, job -> Cursor.at(job.id, job.createdAt)));
    }

    /** The job if it is the caller's tenant's; 404 otherwise (another tenant's job does not exist for them). */
    @WithSession
    public Uni<LeadImportJob> visible(Caller caller, UUID id) {
        return jobs.findInTenant(caller.tenantId(), id).map(job -> {
            if (job == null) {
                throw ProblemException.notFound("Lead import " + id);
            }
            return job;
        });
    }

    public LeadImportJobView view(LeadImportJob job) {
        return LeadImportJobView.of(job, mappings.parse(job.mapping));
    }

    private Uni<LeadImportAccepted> accept(String tenantId, String userId, LeadImportUpload file, LeadImportMapping mapping,
                                           AsyncFile af) {
        return read(af, 0).chain(first -> {
            List<String> headers = header(first, first.length < config.chunkBytes(), mapping);
            mappings.compile(mapping, headers);
            return checkAssignees(tenantId, mapping).chain(() -> store(tenantId, userId, file, mapping, headers, first, af));
        });
    }

    private Uni<LeadImportAccepted> store(String tenantId, String userId, LeadImportUpload file, LeadImportMapping mapping,
                                          List<String> headers, byte[] first, AsyncFile af) {
        Instant now = clock.now();
        LeadImportJob job = new LeadImportJob();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.createdBy = userId;
        job.status = ImportJobStatus.QUEUED;
        job.fileName = file.fileName() == null || file.fileName().isBlank() ? null : abbreviate(file.fileName(), 255);
        job.fileBytes = file.size();
        job.headers = headers.toArray(String[]::new);
        job.mapping = mappings.toJson(mapping);
        job.createdAt = now;
        job.updatedAt = now;
        MessageDigest md = sha256();
        md.update(first);
        return jobs.persist(job)
                .call(j -> Panache.getSession().chain(s -> s.flush())) // the chunks reference it
                .call(j -> files.insertChunk(job.id, 0, first))
                .call(j -> storeFrom(af, job.id, first.length, 1, md))
                .invoke(j -> j.fileSha256 = HexFormat.of().formatHex(md.digest()))
                .map(j -> new LeadImportAccepted(view(j), LeadImportJobView.etag(j)));
    }

    /** Copies the rest of the file, a chunk per row; at most one chunk is in memory. */
    private Uni<Void> storeFrom(AsyncFile af, UUID jobId, long position, int seq, MessageDigest md) {
        return read(af, position).chain(bytes -> {
            if (bytes.length == 0) {
                return Uni.createFrom().voidItem();
            }
            md.update(bytes);
            return files.insertChunk(jobId, seq, bytes).chain(() -> storeFrom(af, jobId, position + bytes.length, seq + 1, md));
        });
    }

    private Uni<String> digest(AsyncFile af, long position, MessageDigest md) {
        return read(af, position).chain(bytes -> {
            if (bytes.length == 0) {
                return Uni.createFrom().item(HexFormat.of().formatHex(md.digest()));
            }
            md.update(bytes);
            return digest(af, position + bytes.length, md);
        });
    }

    private Uni<byte[]> read(AsyncFile af, long position) {
        int size = config.chunkBytes();
        return af.read(Buffer.buffer(size), 0, position, size).map(Buffer::getBytes);
    }

    /** The header row, read from the first chunk; the file's problems are 422s (the request itself was fine). */
    private static List<String> header(byte[] first, boolean wholeFile, LeadImportMapping mapping) {
        try (CsvRowReader reader = CsvRowReader.open(new ByteArrayInputStream(first), LeadImportMappings.delimiter(mapping),
                LeadImportMappings.charset(mapping))) {
            List<String> headers = reader.header();
            if (!wholeFile && !reader.hasMore()) {
                throw unreadable("The header row is longer than the first " + first.length + " bytes of the file");
            }
            return headers;
        } catch (CsvFileException e) {
            throw unreadable("The file cannot be imported: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every user the value map of assignedAgentId names must be an active user of the tenant (422 otherwise). */
    private Uni<Void> checkAssignees(String tenantId, LeadImportMapping mapping) {
        Map<String, String> named = mapping.values() == null ? null : mapping.values().get(LeadImportField.ASSIGNED_AGENT_ID.wire());
        if (named == null || named.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(new LinkedHashSet<>(named.values()))
                .onItem().transformToUniAndConcatenate(ref -> agents.find(tenantId, ref)
                        .map(agent -> agent == null ? Optional.of(ref) : Optional.<String>empty()))
                .collect().asList()
                .map(results -> {
                    List<String> unknown = results.stream().flatMap(Optional::stream).toList();
                    if (unknown.isEmpty()) {
                        return null;
                    }
                    List<Problem.FieldError> errors = new ArrayList<>();
                    named.forEach((from, to) -> {
                        if (unknown.contains(to)) {
                            errors.add(new Problem.FieldError("values.assignedAgentId." + from, to + " is not an active user of this tenant"));
                        }
                    });
                    throw new ProblemException(Problem.of("unknown-agent", "Unprocessable Content", 422,
                            "The mapping assigns leads to unknown users; nothing was imported").withErrors(errors));
                });
    }

    private static ProblemException unreadable(String detail) {
        return ProblemException.unprocessable("unreadable-csv", detail);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
