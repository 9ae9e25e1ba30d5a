package com.keystone.crm.notification.template.service;

import com.keystone.crm.notification.template.domain.Template;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Templates per tenant, key, channel and locale. A save checks that the bodies parse and use only declared
 * variables, and adds a version; a send renders the newest version of the best locale and records its number.
 */
@ApplicationScoped
public class TemplateService {
    public static final String IDEMPOTENCY_SCOPE = "template.create";
    static final String LIST = "templates:-createdAt";
    static final String DEFAULT_LOCALE = "en";

    private final TemplateRenderer renderer;
    private final CursorCodec cursors;
    private final CrmClock clock;

    public TemplateService(TemplateRenderer renderer, CursorCodec cursors, CrmClock clock) {
        this.renderer = renderer;
        this.cursors = cursors;
        this.clock = clock;
    }

    public Keyset cursors() {
        return cursors.list(LIST);
    }

    /** Adds a version of the template (1 for a new key, channel and locale). */
    @WithTransaction
    public Uni<TemplateView> save(Caller caller, TemplateCommand command) {
        check(command);
        return Panache.getSession().chain(s -> s.createQuery("select max(t.version) from Template t where t.tenantId = :t "
                                + "and t.key = :k and t.channel = :c and t.locale = :l", Integer.class)
                        .setParameter("t", caller.tenantId()).setParameter("k", command.key())
                        .setParameter("c", command.channel()).setParameter("l", command.locale()).getSingleResult())
                .chain(max -> {
                    Template t = new Template();
                    t.id = UUID.randomUUID();
                    t.tenantId = caller.tenantId();
                    t.key = command.key();
                    t.channel = command.channel();
                    t.locale = command.locale();
                    t.version = max == null ? 1 : max + 1;
                    t.subject = command.subject();
                    t.textBody = command.text();
                    t.htmlBody = command.html();
                    t.variables(List.copyOf(new TreeSet<>(command.variables())));
                    t.createdBy = caller.userId();
                    t.createdAt = clock.now();
                    return Panache.getSession().chain(s -> s.persist(t)).replaceWith(t);
                })
                .map(TemplateView::of);
    }

    @WithSession
    public Uni<TemplateView> get(Caller caller, UUID id) {
        return find(caller, id).map(TemplateView::of);
    }

    /** Every version of the tenant's templates, newest first. */
    @WithSession
    public Uni<Page<TemplateView>> list(Caller caller, String key, int limit, Cursor after) {
        StringBuilder hql = new StringBuilder("from Template where tenantId = :t");
        if (key != null) {
            hql.append(" and key = :k");
        }
        if (after != null) {
            hql.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
        }
        hql.append(" order by createdAt desc, id desc");
        return Panache.getSession().chain(s -> {
                    var q = s.createQuery(hql.toString(), Template.class).setParameter("t", caller.tenantId());
                    if (key != null) {
                        q.setParameter("k", key);
                    }
                    if (after != null) {
                        q.setParameter("at", after.instant(0)).setParameter("id", after.uuid());
                    }
                    return q.setMaxResults(limit + 1).getResultList();
                })
                .map(rows -> cursors().page(rows, limit, TemplateView::of, t -> Cursor.at(t.id, t.createdAt)));
    }

    /** Renders a stored version with sample values: what a send would produce, with SMS segments. */
    @WithSession
    public Uni<Preview> preview(Caller caller, UUID id, Map<String, Object> values) {
        return find(caller, id).map(t -> {
            Rendered r;
            try {
                r = render(t, values == null ? Map.of() : values);
            } catch (MissingVariables e) {
                throw ProblemException.unprocessable("missing-template-variables", e.getMessage());
            } catch (TemplateRenderer.InvalidTemplate e) {
                throw ProblemException.unprocessable("invalid-template", "The template " + e.getMessage());
            }
            SmsSegments.Count count = "sms".equals(t.channel) ? SmsSegments.count(r.text()) : null;
            return new Preview(t.id, t.version, r.subject(), r.text(), r.html(), count);
        });
    }

    /**
     * The newest version for a send, by locale: the exact one, else its language, else {@value #DEFAULT_LOCALE};
     * null when the tenant has none. Runs in the caller's session.
     */
    public Uni<Template> forSend(String tenantId, String key, String channel, String locale) {
        List<String> locales = new ArrayList<>();
        if (locale != null && !locale.isBlank()) {
            locales.add(locale);
            int dash = locale.indexOf('-');
            if (dash > 0) {
                locales.add(locale.substring(0, dash));
            }
        }
        locales.add(DEFAULT_LOCALE);
        return Panache.getSession().chain(s -> s.createQuery("from Template where tenantId = :t and key = :k "
                                + "and channel = :c and locale in (:l) order by version desc", Template.class)
                        .setParameter("t", tenantId).setParameter("k", key).setParameter("c", channel)
                        .setParameter("l", locales).getResultList())
                .map(rows -> {
                    for (String l : locales) {
                        for (Template t : rows) {
                            if (t.locale.equals(l)) {
                                return t;
                            }
                        }
                    }
                    return null;
                });
    }

    /**
     * Renders a template with the send's values; every declared variable must have a value (a missing one is a
     * failure naming it, never a blank).
     */
    public Rendered render(Template t, Map<String, Object> values) {
        Set<String> missing = new TreeSet<>();
        for (String v : t.variables()) {
            if (values.get(v) == null) {
                missing.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingVariables(missing);
        }
        String subject = t.subject == null ? null : renderer.renderText(t.subject, values);
        String text = renderer.renderText(t.textBody, values);
        String html = t.htmlBody == null ? null : renderer.renderHtml(t.htmlBody, values);
        return new Rendered(t.version, subject, text, html);
    }

    private Uni<Template> find(Caller caller, UUID id) {
        return Panache.getSession().chain(s -> s.find(Template.class, id)).map(t -> {
            if (t == null || !t.tenantId.equals(caller.tenantId())) {
                throw ProblemException.notFound("Template " + id);
            }
            return t;
        });
    }

    /** A push's text at most (APNs payloads are at most 4 KB, title and data included). */
    static final int PUSH_TEXT_MAX = 1000;

    /** Bodies parse, use only declared variables, email and push have a subject (title); only email has HTML. */
    private void check(TemplateCommand c) {
        Set<String> declared = new LinkedHashSet<>(c.variables());
        check("text", c.text(), declared);
        if (c.subject() != null) {
            check("subject", c.subject(), declared);
        }
        if (c.html() != null) {
            if (!"email".equals(c.channel())) {
                throw ProblemException.unprocessable("invalid-template", "html: only email templates have an HTML body");
            }
            check("html", c.html(), declared);
        }
        if ("email".equals(c.channel()) && (c.subject() == null || c.subject().isBlank())) {
            throw ProblemException.unprocessable("invalid-template", "subject: an email template needs a subject");
        }
        if ("push".equals(c.channel()) && (c.subject() == null || c.subject().isBlank())) {
            throw ProblemException.unprocessable("invalid-template", "subject: a push template needs a title (the subject)");
        }
        if ("push".equals(c.channel()) && c.text().length() > PUSH_TEXT_MAX) {
            // APNs refuses a payload over 4 KB: the alert text must leave room for the title and data
            throw ProblemException.unprocessable("invalid-template", "text: a push text is at most " + PUSH_TEXT_MAX + " characters");
        }
    }

    private void check(String field, String body, Set<String> declared) {
        Set<String> used;
        try {
            used = renderer.variablesUsed(body);
        } catch (TemplateRenderer.InvalidTemplate e) {
            throw ProblemException.unprocessable("invalid-template", field + ": the template " + e.getMessage());
        }
        Set<String> undeclared = new TreeSet<>(used);
        undeclared.removeAll(declared);
        if (!undeclared.isEmpty()) {
            throw ProblemException.unprocessable("undeclared-template-variables",
                    field + ": uses variables that are not declared: " + String.join(", ", undeclared));
        }
    }

    /** What a save stores (validated for shape by the resource). */
    public record TemplateCommand(String key, String channel, String locale, String subject, String text, String html,
                                  List<String> variables) {
        public TemplateCommand {
            locale = locale == null ? DEFAULT_LOCALE : locale.toLowerCase(Locale.ROOT);
            variables = variables == null ? List.of() : variables;
        }
    }

    /** A template version as the API shows it. */
    public record TemplateView(UUID id, String key, String channel, String locale, int version, String subject,
                               String text, String html, List<String> variables, String createdBy,
                               java.time.Instant createdAt) {
        static TemplateView of(Template t) {
            return new TemplateView(t.id, t.key, t.channel, t.locale, t.version, t.subject, t.textBody, t.htmlBody,
                    t.variables(), t.createdBy, t.createdAt);
        }
    }

    /** Rendered content and the version it came from. */
    public record Rendered(int version, String subject, String text, String html) {
    }

    /** A preview: the rendered content, and for SMS its encoding and segment count. */
    public record Preview(UUID templateId, int version, String subject, String text, String html, SmsSegments.Count sms) {
    }

    /** A send without a value for a declared variable. */
    public static class MissingVariables extends RuntimeException {
        public MissingVariables(Set<String> names) {
            super("no value for the template variable(s): " + String.join(", ", names));
        }
    }
}
