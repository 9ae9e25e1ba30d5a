package com.keystone.crm.notification.template.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Escaper;
import io.quarkus.qute.Expression;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qute rendering of tenant-authored templates. Tenants' templates get an engine of their own, without the
 * application's namespaces ({@code config:}, {@code inject:}), so a template can read only the variables a send
 * passes; the HTML engine escapes every value.
 */
@ApplicationScoped
public class TemplateRenderer {
    /** Names a section binds for its content ({#for x in ...}, {#let x=...}, {#each} binds 'it'). */
    private static final Pattern BOUND = Pattern.compile("\\{#(?:for|let)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> SECTION_NAMES = Set.of("it");

    private final Engine text = Engine.builder().addDefaults().strictRendering(true).build();
    private final Engine html = Engine.builder().addDefaults().strictRendering(true)
            .addResultMapper(new HtmlEscape()).build();

    /**
     * The top-level variables a template body uses. A body that does not parse, or uses a namespace, is refused with
     * the reason.
     */
    public Set<String> variablesUsed(String body) {
        io.quarkus.qute.Template template;
        try {
            template = text.parse(body);
        } catch (TemplateException e) {
            throw new InvalidTemplate("does not parse: " + e.getMessage());
        }
        Set<String> bound = new LinkedHashSet<>(SECTION_NAMES);
        Matcher m = BOUND.matcher(body);
        while (m.find()) {
            bound.add(m.group(1));
        }
        Set<String> used = new TreeSet<>();
        for (Expression expression : template.getExpressions()) {
            if (expression.hasNamespace()) {
                throw new InvalidTemplate("uses the namespace '" + expression.getNamespace() + ":', which templates may not");
            }
            if (expression.isLiteral() || expression.getParts().isEmpty()) {
                continue;
            }
            String root = expression.getParts().get(0).getName();
            if (!bound.contains(root)) {
                used.add(root);
            }
        }
        return used;
    }

    public String renderText(String body, Map<String, Object> values) {
        return render(text, body, values);
    }

    public String renderHtml(String body, Map<String, Object> values) {
        return render(html, body, values);
    }

    private static String render(Engine engine, String body, Map<String, Object> values) {
        try {
            return engine.parse(body).data(values).render();
        } catch (TemplateException e) {
            throw new InvalidTemplate("cannot be rendered: " + e.getMessage());
        }
    }

    /** A template that cannot be used, with the reason (a 422 on save, a failed send). */
    public static class InvalidTemplate extends RuntimeException {
        public InvalidTemplate(String message) {
            super(message);
        }
    }

    /** Escapes every value written into an HTML body (a RawString is the template's own markup). */
    private static final class HtmlEscape implements ResultMapper {
        private static final Escaper ESCAPER = Escaper.builder().add('"', "&quot;").add('\'', "&#39;")
                .add('&', "&amp;").add('<', "&lt;").add('>', "&gt;").build();

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return !(result instanceof RawString);
        }

        @Override
        public String map(Object result, Expression expression) {
            return ESCAPER.escape(result.toString());
        }
    }
}
