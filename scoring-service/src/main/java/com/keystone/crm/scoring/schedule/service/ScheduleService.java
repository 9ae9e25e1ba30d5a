package com.keystone.crm.scoring.schedule.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.model.service.ModelAudit;
import com.keystone.crm.scoring.schedule.domain.CronSchedule;
import com.keystone.crm.scoring.schedule.domain.TenantSchedule;
import com.keystone.crm.scoring.schedule.repository.ScheduleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** A tenant's check schedule: read it, set its own cron (audited), or make its check due now. */
@ApplicationScoped
public class ScheduleService {
    private final ScheduleRepository schedules;
    private final ModelAudit audit;
    private final ScoringConfig config;
    private final CrmClock clock;

    public ScheduleService(ScheduleRepository schedules, ModelAudit audit, ScoringConfig config, CrmClock clock) {
        this.schedules = schedules;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithSession
    public Uni<ScheduleView> get(Caller caller) {
        Instant now = clock.now();
        return schedules.findById(caller.tenantId()).map(s -> view(s, now));
    }

    /** Sets (or, with null, clears) the tenant's own cron; the next check moves to its next firing. */
    @WithTransaction
    public Uni<ScheduleView> replace(Caller caller, ScheduleRequest request) {
        Instant now = clock.now();
        String cron = request == null || request.cron() == null || request.cron().isBlank() ? null : request.cron().trim();
        CronSchedule schedule;
        try {
            schedule = cron == null ? defaults(now) : CronSchedule.parse(cron, now);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The cron expression is not usable")
                    .withErrors(List.of(new Problem.FieldError("cron", e.getMessage()))));
        }
        return row(caller.tenantId(), now).chain(s -> {
            s.cron = cron;
            s.nextCheckAt = schedule.next(now);
            return audit.record(caller.tenantId(), null, "schedule-changed", caller.userId(),
                    cron == null ? "checks follow the default " + config.schedule().cron() : "checks at " + cron).replaceWith(s);
        }).map(s -> view(s, now));
    }

    /** The tenant's check is due now: the next tick of any instance runs it (recorded, and may retrain). */
    @WithTransaction
    public Uni<ScheduleView> checkNow(Caller caller) {
        Instant now = clock.now();
        return row(caller.tenantId(), now).invoke(s -> s.nextCheckAt = now).map(s -> view(s, now));
    }

    private Uni<TenantSchedule> row(String tenantId, Instant now) {
        return schedules.findById(tenantId).chain(s -> {
            if (s != null) {
                return Uni.createFrom().item(s);
            }
            TenantSchedule created = new TenantSchedule();
            created.tenantId = tenantId;
            created.nextCheckAt = defaults(now).next(now);
            return schedules.persist(created);
        });
    }

    private CronSchedule defaults(Instant now) {
        return CronSchedule.parse(config.schedule().cron(), now);
    }

    private ScheduleView view(TenantSchedule s, Instant now) {
        String effective = s == null || s.cron == null ? config.schedule().cron() : s.cron;
        Instant next = s != null ? s.nextCheckAt : defaults(now).next(now);
        return new ScheduleView(s == null ? null : s.cron, effective, config.schedule().cron(), next,
                s == null ? null : s.lastCheckAt, config.schedule().retrain());
    }
}
