package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.api.LeadListParams;
import com.keystone.crm.lead.lead.api.LeadView;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.paging.Tombstone;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lead lists for the app: the caller's visible leads, filtered, sorted, with keyset (cursor) pagination so pages
 * stay stable while leads change. The cursor (chassis Keyset, one per sort) carries the last row's sort value and id.
 * With {@code updatedSince} (the app's delta sync, DESIGN §6) the list also carries the leads deleted or merged away
 * since then, as tombstones ({@code id}, {@code deleted}, {@code deletedAt}, {@code mergedInto}), so the app drops them.
 */
@ApplicationScoped
public class LeadSearch {
    private final LeadRepository leads;
    private final CursorCodec cursors;
    private final TenantGuard tenantGuard;

    public LeadSearch(LeadRepository leads, CursorCodec cursors, TenantGuard tenantGuard) {
        this.leads = leads;
        this.cursors = cursors;
        this.tenantGuard = tenantGuard;
    }

    /** An unknown tenant's list is 403 like its writes (TenantGuard), not an empty 200. */
    @WithSession
    public Uni<Page<Object>> list(Caller caller, LeadListParams p) {
        return tenantGuard.requireKnown(caller.tenantId()).chain(() -> listKnown(caller, p));
    }

    private Uni<Page<Object>> listKnown(Caller caller, LeadListParams p) {
        Sort sort = Sort.parse(p.sort);
        boolean delta = p.updatedSince != null;
        // one list per sort: a cursor of another sort is refused, not read as a meaningless position
        Keyset keyset = cursors.list("leads:" + (sort.descending ? "-" : "") + sort.key.name);
        // a delta sync must learn of deletions; any other list shows live leads only
        Criteria criteria = Criteria.of(caller, p, delta);
        StringBuilder where = criteria.where();
        Map<String, Object> params = criteria.params();
        Cursor c = keyset.decode(p.cursor);
        if (c != null) {
            String cmp = sort.descending ? "<" : ">";
            where.append(" and (").append(sort.key.expression).append(' ').append(cmp).append(" :ck or (")
                    .append(sort.key.expression).append(" = :ck and id ").append(cmp).append(" :cid))");
            params.put("ck", sort.key.parse(c));
            params.put("cid", c.uuid());
        }
        String dir = sort.descending ? " desc" : " asc";
        String hql = "from Lead where " + where + " order by " + sort.key.expression + dir + ", id" + dir;
        return leads.find(hql, params).page(0, p.limit + 1).list()
                .map(rows -> keyset.page(rows, p.limit, LeadSearch::syncView, l -> Cursor.at(l.id, sort.key.value(l))));
    }

    /**
     * The HQL condition and parameters of the leads a caller may see that match the list's filters: the list and
     * the CSV export select the same leads.
     */
    record Criteria(StringBuilder where, Map<String, Object> params) {
        static Criteria of(Caller caller, LeadListParams p, boolean withDeleted) {
            Criteria c = new Criteria(new StringBuilder(withDeleted ? "tenantId = :tenant" : "tenantId = :tenant and deletedAt is null"),
                    new HashMap<>());
            c.params.put("tenant", caller.tenantId());
            visibility(caller, c.where, c.params);
            filters(p, c.where, c.params);
            return c;
        }
    }

    /** A live lead as the app sees it, or the tombstone of a deleted or merged-away one. */
    private static Object syncView(Lead l) {
        return l.isDeleted() ? new Tombstone(l.id, l.deletedAt, l.mergedIntoLeadId) : LeadView.of(l);
    }

    private static void visibility(Caller caller, StringBuilder where, Map<String, Object> params) {
        if (caller.isAdmin()) {
            return;
        }
        params.put("me", caller.userId());
        if (caller.isTeamLead() && caller.teamId().isPresent()) {
            where.append(" and (assignedAgentId = :me or teamId = :team)");
            params.put("team", caller.teamId().get());
        } else {
            where.append(" and assignedAgentId = :me");
        }
    }

    private static void filters(LeadListParams p, StringBuilder where, Map<String, Object> params) {
        if (p.status != null && !p.status.isEmpty()) {
            List<LeadStatus> statuses = new ArrayList<>();
            for (String s : p.status) {
                for (String one : s.split(",")) {
                    statuses.add(parse("status", one.trim(), LeadStatus::fromWire));
                }
            }
            where.append(" and status in :statuses");
            params.put("statuses", statuses);
        }
        if (p.assigneeId != null) {
            where.append(" and assignedAgentId = :assignee");
            params.put("assignee", p.assigneeId);
        }
        if (p.source != null) {
            where.append(" and source = :source");
            params.put("source", parse("source", p.source, LeadSource::fromWire));
        }
        if (p.tag != null) {
            where.append(" and array_contains(tags, :tag)");
            params.put("tag", p.tag);
        }
        if (p.tier != null) {
            where.append(" and scoreTier = :tier");
            params.put("tier", p.tier);
        }
        if (p.scoreMin != null) {
            where.append(" and score >= :scoreMin");
            params.put("scoreMin", p.scoreMin);
        }
        if (p.scoreMax != null) {
            where.append(" and score <= :scoreMax");
            params.put("scoreMax", p.scoreMax);
        }
        if (p.updatedSince != null) {
            where.append(" and updatedAt >= :since");
            params.put("since", updatedSince(p.updatedSince));
        }
        if (p.q != null && !p.q.isBlank()) {
            String text = "%" + p.q.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            where.append(" and (lower(concat(coalesce(firstName, ''), ' ', coalesce(lastName, ''))) like :q"
                    + " or lower(coalesce(email, '')) like :q");
            params.put("q", text);
            String digits = p.q.replaceAll("[^0-9]", "");
            if (digits.length() >= 4) {
                where.append(" or coalesce(phone, '') like :qd");
                params.put("qd", "%" + digits + "%");
            }
            where.append(')');
        }
    }

    private static <T> T parse(String field, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not a valid " + field + ": " + value);
        }
    }

    private static Instant updatedSince(String value) {
        try {
            return ListQuery.boundedInstant(value);
        } catch (DateTimeParseException e) {
            throw invalid("updatedSince", "must be an ISO-8601 instant such as 2026-01-31T17:00:00Z");
        } catch (IllegalArgumentException e) {
            // years beyond what the database stores: a 400 here rather than a failing query
            throw invalid("updatedSince", e.getMessage());
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    /** The requested order: a sort column and its direction ({@code -} prefix = descending). */
    private record Sort(SortKey key, boolean descending) {
        static Sort parse(String sort) {
            String s = sort == null ? "-updatedAt" : sort;
            boolean desc = s.startsWith("-");
            String name = desc ? s.substring(1) : s;
            for (SortKey k : SortKey.values()) {
                if (k.name.equals(name)) {
                    return new Sort(k, desc);
                }
            }
            throw ProblemException.badRequest("validation", "sort must be updatedAt, createdAt, score or lastName");
        }
    }

    /** A sort column: the HQL expression, how to read its value from a lead and from a cursor. */
    private enum SortKey {
        UPDATED_AT("updatedAt", "updatedAt"), CREATED_AT("createdAt", "createdAt"),
        SCORE("score", "coalesce(score, -1)"), LAST_NAME("lastName", "coalesce(lower(lastName), '')");

        final String name;
        final String expression;

        SortKey(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        /** The sort value of a lead, as the cursor keeps it (the expression's value: nulls coalesced). */
        Object value(Lead l) {
            return switch (this) {
                case UPDATED_AT -> l.updatedAt;
                case CREATED_AT -> l.createdAt;
                case SCORE -> l.score == null ? BigDecimal.ONE.negate() : l.score;
                case LAST_NAME -> l.lastName == null ? "" : l.lastName.toLowerCase(Locale.ROOT);
            };
        }

        /** The sort value a cursor of this list carries. */
        Object parse(Cursor c) {
            return switch (this) {
                case UPDATED_AT, CREATED_AT -> c.instant(0);
                case SCORE -> c.decimal(0);
                case LAST_NAME -> c.key(0);
            };
        }
    }
}
