package com.keystone.crm.notification.consent.rest;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.consent.service.UnsubscribeLinks;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed unsubscribe link of marketing mail (public). GET shows a confirmation page and never changes anything
 * (mail scanners follow links); POST unsubscribes: the page's button, or a mail client's RFC 8058 one-click POST
 * ({@code List-Unsubscribe=One-Click}).
 */
@Path("/unsubscribe")
@PermitAll
public class UnsubscribeResource {
    private final UnsubscribeLinks links;
    private final Suppressions suppressions;

    public UnsubscribeResource(UnsubscribeLinks links, Suppressions suppressions) {
        this.links = links;
        this.suppressions = suppressions;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String show(@QueryParam("t") String token) {
        UnsubscribeLinks.Subject subject = verify(token);
        return page("Unsubscribe", "<p>Stop marketing messages to <b>" + escape(subject.address()) + "</b>?</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> unsubscribe(@QueryParam("t") String token) {
        UnsubscribeLinks.Subject subject = verify(token);
        return Panache.withTransaction(() -> suppressions.add(new Suppressions.Addition(subject.tenantId(),
                        subject.channel(), subject.address(), Suppression.MARKETING, "unsubscribe-link", null, null, null,
                        "link:" + subject.address())))
                .map(entry -> page("Unsubscribed", "<p><b>" + escape(subject.address())
                        + "</b> will get no more marketing messages.</p>"));
    }

    private UnsubscribeLinks.Subject verify(String token) {
        return links.verify(token).orElseThrow(() -> ProblemException.badRequest("invalid-unsubscribe-link",
                "This unsubscribe link is not valid"));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1>" + body + "</body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
