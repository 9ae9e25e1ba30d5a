package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.timeline.api.ActivityLogRequest;
import com.keystone.crm.lead.timeline.api.ActivityView;
import com.keystone.crm.lead.timeline.domain.Activity;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.repository.ActivityTimelineRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * A lead's timeline: read newest first, and the activities agents log by hand (calls, emails from their own
 * mailbox, showings), which go through {@link ActivityRecorder} like every other entry.
 */
@ApplicationScoped
public class ActivityTimelineService {
    static final String LIST = "activities";
    public static final String IDEMPOTENCY_SCOPE = "activity.log";

    private final ActivityTimelineRepository timeline;
    private final ActivityRecorder recorder;
    private final LeadFinder finder;
    private final TenantGuard tenantGuard;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public ActivityTimelineService(ActivityTimelineRepository timeline, ActivityRecorder recorder, LeadFinder finder,
                                   TenantGuard tenantGuard, CursorCodec cursorCodec, CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.timeline = timeline;
        this.recorder = recorder;
        this.finder = finder;
        this.tenantGuard = tenantGuard;
    }

    /** The cursors of this list (signed for it: a cursor of another list is a 400). */
    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    @WithSession
    public Uni<Page<ActivityView>> list(Caller caller, UUID leadId, Set<String> types, Instant since,
                                                   int limit, Cursor after) {
        return finder.visible(caller, leadId)
                .chain(lead -> timeline.newestFirst(caller.tenantId(), leadId, types, since, after, limit + 1))
                .map(rows -> cursors().page(rows, limit, ActivityView::of, a -> Cursor.at(a.id, a.occurredAt)));
    }

    /** Logs an activity (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<ActivityView> log(Caller caller, UUID leadId, ActivityLogRequest request) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> finder.visible(caller, leadId))
                .chain(lead -> record(caller, lead, request))
                .map(ActivityView::of);
    }

    private Uni<Activity> record(Caller caller, Lead lead, ActivityLogRequest request) {
        Instant occurredAt = (request.occurredAt() == null ? clock.now() : request.occurredAt()).truncatedTo(ChronoUnit.MICROS);
        return recorder.record(lead, request.type(), request.summary().trim(), caller.userId(), occurredAt, null,
                ActivityEvents.Fields.channel(request.channelOrDefault()));
    }

    /**
     * The start of a text for a one-line summary, cut at a whole code point (never half an emoji) and marked
     * with an ellipsis when cut; whitespace runs collapse to one space.
     */
    public static String excerpt(String text, int maxCodePoints) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= maxCodePoints) {
            return flat;
        }
        int end = flat.offsetByCodePoints(0, maxCodePoints - 1);
        return flat.substring(0, end).stripTrailing() + "\u2026";
    }

}
