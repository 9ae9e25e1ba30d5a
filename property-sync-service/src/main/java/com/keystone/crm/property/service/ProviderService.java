package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.persistence.ConcurrencyFailures;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.property.config.SyncConfig;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.domain.SyncMode;
import com.keystone.crm.property.domain.SyncRun;
import com.keystone.crm.property.repository.ProviderRepository;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/** Admin use cases on providers, scoped to the caller's tenant (another tenant's provider answers 404). */
@ApplicationScoped
public class ProviderService {
    private final ProviderRepository providers;
    private final SyncRunRepository runs;
    private final ProviderClients clients;
    private final SyncConfig config;
    private final CrmClock clock;

    private final ProviderAddressPolicy addresses;
    private final ProviderCredentials credentials;

    public ProviderService(ProviderRepository providers, SyncRunRepository runs, ProviderClients clients,
                           SyncConfig config, CrmClock clock, ProviderAddressPolicy addresses,
                           ProviderCredentials credentials) {
        this.credentials = credentials;
        this.addresses = addresses;
        this.clock = clock;
        this.providers = providers;
        this.runs = runs;
        this.clients = clients;
        this.config = config;
    }

    @WithTransaction
    public Uni<Provider> create(String tenantId, ProviderCommand r) {
        check(r, false);
        return providers.nameTaken(tenantId, r.name(), null).chain(taken -> {
            if (taken) {
                throw ProblemException.conflict("provider-name-taken", "A provider named '" + r.name() + "' exists");
            }
            Provider p = new Provider();
            p.id = UUID.randomUUID();
            p.tenantId = tenantId;
            apply(p, r);
            p.version = 1;
            p.createdAt = clock.now();
            p.updatedAt = p.createdAt;
            p.nextRunAt = p.enabled ? Schedules.next(p.cron, p.createdAt) : null;
            return providers.persist(p);
        });
    }

    @WithSession
    public Uni<Provider> get(String tenantId, UUID id) {
        return providers.findInTenant(tenantId, id).map(p -> found(p));
    }

    @WithSession
    public Uni<List<Provider>> list(String tenantId) {
        return providers.listInTenant(tenantId);
    }

    @WithTransaction
    public Uni<Provider> replace(String tenantId, UUID id, String ifMatch, ProviderCommand r) {
        return providers.findInTenant(tenantId, id).chain(found -> {
            Provider p = found(found);
            IfMatch.require(ifMatch, p.version);
            check(r, ProviderCredentials.stored(p));
            return providers.nameTaken(tenantId, r.name(), id).map(taken -> {
                if (taken) {
                    throw ProblemException.conflict("provider-name-taken", "A provider named '" + r.name() + "' exists");
                }
                String oldCron = p.cron;
                apply(p, r);
                if (!p.enabled) {
                    p.nextRunAt = null;
                } else if (p.nextRunAt == null || !p.cron.equals(oldCron)) {
                    p.nextRunAt = Schedules.next(p.cron, clock.now());
                }
                p.version++;
                p.updatedAt = clock.now();
                clients.forget(p.id);
                return p;
            });
        });
    }

    /**
     * Replaces the provider's credentials with new ones, stored encrypted (a password rotation at the MLS, or a
     * switch from a configuration reference); the next client opened uses them. If-Match as for a replace.
     */
    @WithTransaction
    public Uni<Provider> replaceCredentials(String tenantId, UUID id, String ifMatch, MlsCredentials given) {
        return providers.findInTenant(tenantId, id).map(found -> {
            Provider p = found(found);
            IfMatch.require(ifMatch, p.version);
            if (!credentials.canStore()) {
                throw new ProblemException(Problem.of("invalid-provider", "Unprocessable Content", 422,
                        "The provider cannot be used as described").withErrors(List.of(noMasterKey())));
            }
            credentials.store(p, given, clock.now());
            p.version++;
            p.updatedAt = clock.now();
            clients.forget(p.id);
            return p;
        });
    }

    /**
     * Deletes the provider with its listings, media and queues (cascades). Those rows are locked by the sync and photo
     * workers in their own order, so the delete can meet one of them in a deadlock, which PostgreSQL settles by giving
     * up one side: when that is the delete, it runs again (a bulk statement: nothing of the failed attempt is reused).
     */
    public Uni<Void> delete(String tenantId, UUID id) {
        return ConcurrencyFailures.retried(() -> Panache.withTransaction(() -> providers.deleteInTenant(tenantId, id)))
                .map(deleted -> {
                    if (deleted == 0) {
                        throw ProblemException.notFound("The provider");
                    }
                    clients.forget(id);
                    return null;
                });
    }

    /** Queues an on-demand run; 409 while one is queued or running, or when the provider is disabled. */
    @WithTransaction
    public Uni<SyncRun> requestRun(String tenantId, UUID id, String mode) {
        return providers.findInTenant(tenantId, id).chain(found -> {
            Provider p = found(found);
            if (!p.enabled) {
                throw ProblemException.conflict("provider-disabled", "The provider is disabled; enable it to sync");
            }
            return runs.open(id).chain(open -> {
                if (open != null) {
                    throw ProblemException.conflict("sync-in-progress", "Run " + open.id + " of this provider is "
                            + open.state + "; wait for it to finish");
                }
                SyncMode m = mode != null ? SyncMode.parse(mode) : p.watermark == null ? SyncMode.FULL : SyncMode.INCREMENTAL;
                UUID runId = UUID.randomUUID();
                return runs.insert(runId, id, tenantId, m.wire(), "on-demand", SyncRun.QUEUED)
                        .chain(() -> runs.findById(runId));
            });
        });
    }

    private static Provider found(Provider p) {
        if (p == null) {
            throw ProblemException.notFound("The provider");
        }
        return p;
    }

    /**
     * Checks what Bean Validation cannot: answers 422 listing every bad field. {@code hasStored}: the provider being
     * replaced has stored credentials, which a command without credentials keeps.
     */
    void check(ProviderCommand r, boolean hasStored) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!absoluteHttp(r.url())) {
            errors.add(new Problem.FieldError("url", "must be an absolute http(s) URL"));
        } else if (addresses.problem(r.url()) != null) {
            errors.add(new Problem.FieldError("url", addresses.problem(r.url())));
        }
        if (r.tokenUrl() != null && !r.tokenUrl().isBlank() && !absoluteHttp(r.tokenUrl())) {
            errors.add(new Problem.FieldError("tokenUrl", "must be an absolute http(s) URL"));
        } else if (r.tokenUrl() != null && !r.tokenUrl().isBlank() && addresses.problem(r.tokenUrl()) != null) {
            errors.add(new Problem.FieldError("tokenUrl", addresses.problem(r.tokenUrl())));
        }
        if (r.cron() != null) {
            String why = Schedules.problem(r.cron());
            if (why != null) {
                errors.add(new Problem.FieldError("cron", "not a Quartz cron expression: " + why));
            }
        }
        if (r.charset() != null && !r.charset().isBlank() && !supportedCharset(r.charset().trim())) {
            errors.add(new Problem.FieldError("charset", "not a charset this service can decode"));
        }
        if (r.serverZone() != null) {
            try {
                ZoneId.of(r.serverZone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("serverZone", "not a time zone id"));
            }
        }
        boolean hasRef = r.credentialsRef() != null && !r.credentialsRef().isBlank();
        if (hasRef && r.credentials() != null) {
            errors.add(new Problem.FieldError("credentials", "give either credentials or credentialsRef, not both"));
        } else if (hasRef && !clients.credentialsKnown(r.credentialsRef())) {
            errors.add(new Problem.FieldError("credentialsRef", "no credentials are configured under this name"));
        } else if (!hasRef && r.credentials() == null && !hasStored) {
            errors.add(new Problem.FieldError("credentials",
                    "give credentials (stored encrypted) or credentialsRef (secrets in configuration)"));
        } else if (r.credentials() != null && !credentials.canStore()) {
            errors.add(noMasterKey());
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-provider", "Unprocessable Content", 422,
                    "The provider cannot be used as described").withErrors(errors));
        }
    }

    private static Problem.FieldError noMasterKey() {
        return new Problem.FieldError("credentials", "this service has no master key to store credentials with; "
                + "use credentialsRef or configure crm.mls.secrets.keys");
    }

    private void apply(Provider p, ProviderCommand r) {
        p.name = r.name().trim();
        p.protocol = r.protocol();
        p.url = r.url();
        p.tokenUrl = blankToNull(r.tokenUrl());
        if (r.credentials() != null) {
            credentials.store(p, r.credentials(), clock.now());
        } else if (r.credentialsRef() != null && !r.credentialsRef().isBlank()) {
            p.credentialsRef = r.credentialsRef();
            ProviderCredentials.clear(p);
        } // neither: the stored credentials stay (check() made sure there are some)
        p.userAgent = r.userAgent() == null || r.userAgent().isBlank() ? "KeystoneCRM/1.0" : r.userAgent();
        p.retsVersion = r.retsVersion() == null ? ("rets".equals(r.protocol()) ? "RETS/1.7.2" : null) : r.retsVersion();
        p.usePost = Boolean.TRUE.equals(r.usePost());
        p.resource = r.resource() == null ? "Property" : r.resource();
        p.searchClasses = blankToNull(r.searchClasses());
        p.format = blankToNull(r.format());
        p.fieldMap = r.fieldMap() == null ? new HashMap<>() : new HashMap<>(r.fieldMap());
        p.serverZone = r.serverZone() == null ? "UTC" : r.serverZone();
        p.charset = blankToNull(r.charset());
        p.pageSize = r.pageSize() == null ? ("rets".equals(r.protocol()) ? 2500 : 1000) : r.pageSize();
        p.requestsPerSecond = r.requestsPerSecond() == null ? 2.0 : r.requestsPerSecond();
        p.mediaPerHour = r.mediaPerHour() == null ? 0 : r.mediaPerHour();
        p.requestTimeoutMs = r.requestTimeoutMs() == null ? 30000 : r.requestTimeoutMs();
        p.cron = r.cron() == null ? config.defaultCron() : r.cron();
        p.reconcileEverySeconds = r.reconcileEverySeconds() == null ? config.defaultReconcileEvery().toSeconds()
                : r.reconcileEverySeconds();
        p.enabled = r.enabled() == null || r.enabled();
    }

    private static boolean absoluteHttp(String s) {
        try {
            URI u = URI.create(s);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean supportedCharset(String name) {
        try {
            return java.nio.charset.Charset.isSupported(name);
        } catch (RuntimeException illegalName) {
            return false;
        }
    }
}
