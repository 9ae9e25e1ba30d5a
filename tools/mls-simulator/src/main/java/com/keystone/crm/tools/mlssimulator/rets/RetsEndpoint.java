package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.FaultPlan;
import com.keystone.crm.tools.mlssimulator.SimulatedFeed;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * RETS 1.7.2 under /rets/: Login, Logout, GetMetadata, Search, GetObject, by GET or form POST.
 * <ul>
 * <li>Login needs HTTP Digest; every unauthenticated request gets a 401 with a fresh challenge. Login sets the
 * {@code RETS-Session-ID} cookie; later requests need that live session (a Digest header, when sent, must be
 * right). A session ended by the expiry fault answers ReplyCode 20037.</li>
 * <li>With a UA password configured, every request needs {@code RETS-UA-Authorization: Digest
 * md5(md5(UserAgent:UaPassword):RETS-Request-ID:SessionID:RETS-Version)} (§3.10); the session ID is empty at
 * login.</li>
 * </ul>
 */
public final class RetsEndpoint implements Endpoint {

    static final String COOKIE = "RETS-Session-ID";

    private final FaultPlan faults;
    private final SimulatorOptions options;
    private final String baseUrl;
    private final DigestAuth digest;
    private final RetsSessions sessions = new RetsSessions();
    private final SimulatedFeed feed;
    private volatile RetsMetadata metadata;
    private int metadataRevision;
    private final RetsSearch search;
    private final RetsGetObject getObject;

    public RetsEndpoint(SimulatedFeed feed, FaultPlan faults, SimulatorOptions options, String baseUrl) {
        this.feed = feed;
        this.faults = faults;
        this.options = options;
        this.baseUrl = baseUrl;
        this.digest = new DigestAuth(options.retsUser(), options.retsPassword());
        // metadata "last changed" a month before the feed clock starts: stable for a given start
        Instant start = feed.clock();
        this.metadata = new RetsMetadata(RetsMetadata.FIRST_VERSION, start.minus(Duration.ofDays(31)).toString(),
                options.serverZoneOffset());
        this.search = new RetsSearch(feed, faults, options.retsMaxRows(), options.serverZoneOffset());
        this.getObject = new RetsGetObject(feed);
    }

    /**
     * A new metadata revision, as when an MLS adds a field: MetadataVersion goes up, MetadataTimestamp and
     * MinMetadataTimestamp become the feed clock, so a caching client must fetch the metadata again.
     */
    public synchronized Instant bumpMetadata() {
        Instant at = feed.clock();
        metadataRevision++;
        metadata = new RetsMetadata(String.format("1.00.%03d", metadataRevision), at.toString(),
                options.serverZoneOffset());
        return at;
    }

    public static String endpointName(String path) {
        String rest = path.substring(path.indexOf("/rets/") + "/rets/".length()).toLowerCase();
        return switch (rest) {
            case "login", "logout", "getmetadata", "search", "getobject" -> "rets/" + rest;
            default -> "rets/other";
        };
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("RETS-Version", RetsReply.VERSION);
        ex.getResponseHeaders().set("Cache-Control", "private");
        String transaction = endpointName(ex.getRequestURI().getPath());
        if (transaction.equals("rets/other")) {
            Http.sendText(ex, 404, "no such RETS transaction");
            return;
        }
        Map<String, String> params = Http.params(ex);
        String sessionId = cookie(ex);
        String method = ex.getRequestMethod();
        if (transaction.equals("rets/login")) {
            DigestAuth.Result auth = digest.verify(ex.getRequestHeaders().getFirst("Authorization"), method,
                    ex.getRequestURI().getPath());
            if (auth != DigestAuth.Result.OK) {
                challenge(ex, auth == DigestAuth.Result.STALE);
                return;
            }
            if (!userAgentAuthorized(ex, "")) {
                uaRefused(ex);
                return;
            }
            login(ex);
            return;
        }
        DigestAuth.Result auth = digest.verify(ex.getRequestHeaders().getFirst("Authorization"), method,
                    ex.getRequestURI().getPath());
        if (auth == DigestAuth.Result.WRONG || auth == DigestAuth.Result.STALE) {
            challenge(ex, auth == DigestAuth.Result.STALE);
            return;
        }
        RetsSessions.State state = sessions.use(sessionId, faults.expireSessionsAfter());
        if (state == RetsSessions.State.UNKNOWN) {
            challenge(ex, false); // no session: the client has to log in
            return;
        }
        if (!userAgentAuthorized(ex, sessionId)) {
            uaRefused(ex);
            return;
        }
        boolean latin1 = faults.latin1Bodies();
        if (state == RetsSessions.State.EXPIRED) {
            RetsReply.code(ex, 20037, "Session expired: log in again", latin1);
            return;
        }
        switch (transaction) {
            case "rets/logout" -> logout(ex, sessionId, latin1);
            case "rets/getmetadata" -> getMetadata(ex, params, latin1);
            case "rets/search" -> search.handle(ex, params);
            default -> getObject.handle(ex, params);
        }
    }

    private void login(HttpExchange ex) throws IOException {
        String session = sessions.create();
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly");
        String rets = baseUrl + "/rets/";
        RetsMetadata current = metadata;
        try (Writer w = RetsReply.open(ex, 200, faults.latin1Bodies())) {
            w.write("<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n<RETS-RESPONSE>\n");
            w.write("MemberName=Simulated Member\n");
            w.write("User=" + options.retsUser() + ",0,IDX,AG1000\n");
            w.write("Broker=OF100,1\n");
            w.write("MetadataVersion=" + current.version() + "\n");
            w.write("MinMetadataVersion=" + current.version() + "\n");
            w.write("MetadataTimestamp=" + current.date() + "\n");
            w.write("MinMetadataTimestamp=" + current.date() + "\n");
            w.write("TimeoutSeconds=1800\n");
            w.write("Login=" + rets + "login\n");
            w.write("Logout=" + rets + "logout\n");
            w.write("Search=" + rets + "search\n");
            w.write("GetMetadata=" + rets + "getmetadata\n");
            w.write("GetObject=" + rets + "getobject\n");
            w.write("</RETS-RESPONSE>\n</RETS>\n");
        }
    }

    private void logout(HttpExchange ex, String sessionId, boolean latin1) throws IOException {
        sessions.end(sessionId);
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0");
        try (Writer w = RetsReply.open(ex, 200, latin1)) {
            w.write("<RETS ReplyCode=\"0\" ReplyText=\"Logged out\">\n<RETS-RESPONSE>\n");
            w.write("SignOffMessage=Goodbye\n</RETS-RESPONSE>\n</RETS>\n");
        }
    }

    private void getMetadata(HttpExchange ex, Map<String, String> p, boolean latin1) throws IOException {
        String type = p.get("Type");
        String format = p.getOrDefault("Format", "COMPACT");
        if (type == null) {
            RetsReply.code(ex, 20501, "Invalid Type: Type is required", latin1);
            return;
        }
        if (!format.equalsIgnoreCase("COMPACT")) {
            RetsReply.code(ex, 20514, "Requested DTD version unavailable: only COMPACT is served", latin1);
            return;
        }
        // render first: an unknown Type or ID must answer with its reply code, not half a document
        java.io.StringWriter body = new java.io.StringWriter();
        try {
            metadata.write(body, type, p.getOrDefault("ID", "0"));
        } catch (RetsException e) {
            RetsReply.code(ex, e.replyCode(), e.getMessage(), latin1);
            return;
        }
        try (Writer w = RetsReply.open(ex, 200, latin1)) {
            w.write("<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n");
            w.write(body.toString());
            w.write("</RETS>\n");
        }
    }

    private boolean userAgentAuthorized(HttpExchange ex, String sessionId) {
        if (options.uaPassword() == null) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst("RETS-UA-Authorization");
        String agent = ex.getRequestHeaders().getFirst("User-Agent");
        if (header == null || agent == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        String requestId = ex.getRequestHeaders().getFirst("RETS-Request-ID");
        String version = ex.getRequestHeaders().getFirst("RETS-Version");
        String a1 = DigestAuth.md5(agent + ":" + options.uaPassword());
        String expected = DigestAuth.md5(a1 + ":" + (requestId == null ? "" : requestId) + ":"
                + (sessionId == null ? "" : sessionId) + ":" + (version == null ? RetsReply.VERSION : version));
        return agent.startsWith(options.userAgent()) && expected.equalsIgnoreCase(header.substring(7).trim());
    }

    private void uaRefused(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", digest.challenge(false));
        byte[] body = RetsReply.codeBytes(20041, "User Agent authentication failed");
        Http.send(ex, 401, "text/xml; charset=UTF-8", body);
    }

    private void challenge(HttpExchange ex, boolean stale) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", digest.challenge(stale));
        Http.send(ex, 401, "text/html; charset=UTF-8",
                "<html><body>401 Unauthorized</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String cookie(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String p = pair.trim();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }
}
