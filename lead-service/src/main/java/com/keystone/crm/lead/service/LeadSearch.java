package com.keystone.crm.lead.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.lead.domain.Lead;
import com.keystone.crm.lead.domain.LeadSource;
import com.keystone.crm.lead.domain.LeadStatus;
import com.keystone.crm.lead.repository.LeadRepository;
import com.keystone.crm.lead.rest.LeadListParams;
import com.keystone.crm.lead.rest.LeadPage;
import com.keystone.crm.lead.rest.LeadView;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Lead lists for the app: the caller's visible leads, filtered, sorted, with keyset (cursor) pagination so pages
 * stay stable while leads change. The cursor carries the last row's sort value and id.
 */
@ApplicationScoped
public class LeadSearch {
    private final LeadRepository leads;
    private final ObjectMapper mapper;

    public LeadSearch(LeadRepository leads, ObjectMapper mapper) {
        this.leads = leads;
        this.mapper = mapper;
    }

    @WithSession
    public Uni<LeadPage> list(Caller caller, LeadListParams p) {
        Sort sort = Sort.parse(p.sort);
        StringBuilder where = new StringBuilder("tenantId = :tenant and deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", caller.tenantId());
        visibility(caller, where, params);
        filters(p, where, params);
        if (p.cursor != null && !p.cursor.isBlank()) {
            Cursor c = Cursor.decode(p.cursor, mapper);
            String cmp = sort.descending ? "<" : ">";
            where.append(" and (").append(sort.key.expression).append(' ').append(cmp).append(" :ck or (")
                    .append(sort.key.expression).append(" = :ck and id ").append(cmp).append(" :cid))");
            params.put("ck", sort.key.parse(c.key()));
            params.put("cid", c.id());
        }
        String dir = sort.descending ? " desc" : " asc";
        String hql = "from Lead where " + where + " order by " + sort.key.expression + dir + ", id" + dir;
        return leads.find(hql, params).page(0, p.limit + 1).list().map(rows -> {
            boolean more = rows.size() > p.limit;
            List<Lead> page = more ? rows.subList(0, p.limit) : rows;
            String next = more ? new Cursor(sort.key.value(page.get(page.size() - 1)), page.get(page.size() - 1).id).encode(mapper) : null;
            return new LeadPage(page.stream().map(LeadView::of).toList(), next);
        });
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
            params.put("since", parse("updatedSince", p.updatedSince, Instant::parse));
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
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError(field, "is not a valid " + field + ": " + value))));
        }
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

        String value(Lead l) {
            return switch (this) {
                case UPDATED_AT -> l.updatedAt.toString();
                case CREATED_AT -> l.createdAt.toString();
                case SCORE -> l.score == null ? "-1" : l.score.toPlainString();
                case LAST_NAME -> l.lastName == null ? "" : l.lastName.toLowerCase(Locale.ROOT);
            };
        }

        Object parse(String key) {
            try {
                return switch (this) {
                    case UPDATED_AT, CREATED_AT -> Instant.parse(key);
                    case SCORE -> new BigDecimal(key);
                    case LAST_NAME -> key;
                };
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("invalid-cursor", "The cursor does not belong to this sort");
            }
        }
    }

    /** The opaque cursor: base64url of {"k": sort value, "id": lead id}. */
    record Cursor(String key, UUID id) {
        String encode(ObjectMapper mapper) {
            ObjectNode n = mapper.createObjectNode().put("k", key).put("id", id.toString());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, ObjectMapper mapper) {
            try {
                JsonNode n = mapper.readTree(Base64.getUrlDecoder().decode(cursor));
                return new Cursor(n.get("k").asText(), UUID.fromString(n.get("id").asText()));
            } catch (Exception e) {
                throw ProblemException.badRequest("invalid-cursor", "The cursor is not one this API gave out");
            }
        }
    }
}
