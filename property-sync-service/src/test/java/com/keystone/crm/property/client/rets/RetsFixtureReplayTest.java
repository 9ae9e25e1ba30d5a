package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.replay.Fixtures;
import com.keystone.crm.property.client.rets.replay.Recorded;
import com.keystone.crm.property.client.rets.replay.ReplayServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded answer of a real RETS server under {@code shared/mls-fixtures} (PHRETS' flexmls captures, python
 * rets' responses) replayed through a local HTTP server to the real client: each is parsed to what its text says
 * or refused with a clear error. The cases come from the directory, so a capture dropped there is covered without
 * a code change; what it is (Login, GetMetadata, Search, GetObject, an error) is read from its path, and what it
 * must give is read from the recording itself (its DATA rows, its parts, its ReplyCode).
 */
class RetsFixtureReplayTest {

    private static final Pattern REPLY = Pattern.compile("<RETS\\s[^>]*ReplyCode\\s*=\\s*\"(\\d+)\"");
    private static final Pattern COLUMNS = Pattern.compile("<COLUMNS>([^<]*)</COLUMNS>");
    private static final Pattern DATA = Pattern.compile("<DATA>([^<]*)</DATA>");
    private static final Pattern SECTION = Pattern.compile("<METADATA-([A-Z_]+)[\\s>]");
    private static final Pattern KEYISH = Pattern.compile("(?i)listingkey|matrix_unique_id|sysid|LIST_1|listingid|mlsnumber");

    static Stream<Path> recordings() {
        return Fixtures.all().stream();
    }

    static ProviderSettings settings(String url, Map<String, String> fieldMap, String classes) {
        return new ProviderSettings("replay", "rets", url, null, "user", "pass", "Keystone/1.0", null, null, false,
                "Property", classes, "COMPACT", fieldMap, ZoneOffset.UTC, 100, 0, 0, Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void everyRecordingIsReadOrRefusedClearly(Path file) throws Exception {
        String path = Fixtures.root().relativize(file).toString().replace('\\', '/');
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            replyCodes(file);
        } else if (lower.contains("login")) {
            login(Recorded.load(file));
        } else if (lower.contains("logout")) {
            logout(Recorded.load(file));
        } else if (lower.contains("getmetadata")) {
            metadata(Recorded.load(file));
        } else if (lower.contains("search")) {
            search(Recorded.load(file));
        } else if (lower.contains("getobject") || lower.contains("multiple")) {
            getObject(Recorded.load(file));
        } else {
            refused(Recorded.load(file)); // Action pages, error replies: not an answer to a Search
        }
    }

    private void login(Recorded recorded) throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            server.on("login", r -> recorded);
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of(), "RES"), policy(), Waiter.SYSTEM)) {
                String text = recorded.text();
                if (!text.contains("Search=")) {
                    MlsException e = catchThrowableOfType(MlsException.class, client::authenticate);
                    assertThat(e).as("a login without a Search URL").isNotNull();
                    assertThat(e.getMessage()).contains("Search");
                    return;
                }
                RetsLogin login = client.authenticate();
                assertThat(login.capability("Search")).isNotNull();
                assertThat(login.capability("Search").isAbsolute()).isTrue();
                assertThat(login.capability("Search").toString()).endsWith(value(text, "Search").replaceFirst("^https?://[^/]+", ""));
                if (text.contains("MetadataTimestamp=")) {
                    assertThat(login.metadataTimestamp()).isEqualTo(value(text, "MetadataTimestamp"));
                }
                if (text.contains("MetadataVersion=")) {
                    assertThat(login.metadataVersion()).isEqualTo(value(text, "MetadataVersion"));
                }
            }
        }
    }

    private void logout(Recorded recorded) throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            server.on("logout", r -> recorded);
            RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of(), "RES"), policy(), Waiter.SYSTEM);
            client.login();
            client.close(); // whatever a server answers to Logout (an HTML page too) ends the session without an error
            assertThat(server.requests("logout")).hasSize(1);
        }
    }

    private void metadata(Recorded recorded) throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            server.on("getmetadata", r -> recorded);
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of(), null), policy(), Waiter.SYSTEM)) {
                RetsMetadata md = client.metadata();
                String text = recorded.text();
                Set<String> sections = new LinkedHashSet<>();
                Matcher m = SECTION.matcher(text);
                while (m.find()) {
                    sections.add(m.group(1));
                }
                boolean hasRecords = text.contains("<DATA>") || Pattern.compile("<(Field|Class|Resource|LookupType|Lookup|System)>").matcher(text).find();
                for (String section : sections) {
                    switch (section) {
                        case "SYSTEM" -> assertThat(md.systemId() != null || md.metadataTimestamp() != null).as("SYSTEM read").isTrue();
                        case "RESOURCE" -> assertThat(md.keyFields()).as("RESOURCE key fields").isNotEmpty();
                        case "CLASS" -> assertThat(md.classCount()).as("CLASS read").isPositive();
                        case "TABLE" -> assertThat(md.fieldCount()).as("TABLE read").isPositive();
                        case "LOOKUP_TYPE" -> assertThat(md.lookupValueCount()).as("LOOKUP_TYPE read").isPositive();
                        default -> {
                            // LOOKUP, OBJECT...: not needed to read listings; reading past them without an error is the test
                        }
                    }
                }
                if (!hasRecords) {
                    assertThat(md.fieldCount() + md.classCount()).isZero();
                }
                for (String resource : md.keyFields().keySet()) {
                    assertThat(md.classes(resource)).as("classes of " + resource + " once each").doesNotHaveDuplicates();
                }
            }
        }
    }

    private void search(Recorded recorded) throws Exception {
        String text = recorded.text();
        Matcher columns = COLUMNS.matcher(text);
        String key = null;
        if (columns.find()) {
            List<String> names = CompactParser.split(columns.group(1), '\t');
            key = names.stream().filter(n -> KEYISH.matcher(n).matches()).findFirst().orElse(names.get(0));
        }
        Map<String, String> fieldMap = key == null ? Map.of() : Map.of(key, "ListingKey");
        try (ReplayServer server = new ReplayServer()) {
            server.once("search", recorded);
            List<MlsListing> got = new ArrayList<>();
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), fieldMap, "RES"), policy(), Waiter.SYSTEM)) {
                MlsException e = catchThrowableOfType(MlsException.class, () -> client.listingsModifiedSince(null, got::add));
                int reply = replyCode(text);
                if (reply != 0) {
                    if (e != null) {
                        assertThat(e.retsReplyCode()).isEqualTo(reply);
                    } else {
                        assertThat(got).isEmpty();
                    }
                } else if (key == null) {
                    assertThat(e).as("a Search answer without COLUMNS (STANDARD-XML)").isNotNull();
                    assertThat(e.getMessage()).contains("COMPACT");
                } else {
                    assertThat(e).as("no error").isNull();
                    int keyIndex = CompactParser.split(columns.group(1), '\t').indexOf(key);
                    List<String> keys = new ArrayList<>();
                    Matcher rows = DATA.matcher(text);
                    while (rows.find()) {
                        keys.add(CompactParser.split(rows.group(1), '\t').get(keyIndex).trim());
                    }
                    assertThat(got).extracting(MlsListing::listingKey).containsExactlyElementsOf(keys);
                }
            }
        }
    }

    private void getObject(Recorded recorded) throws Exception {
        List<Map<String, String>> parts = parts(recorded);
        List<String> locations = new ArrayList<>();
        int expected = 0;
        boolean error = false;
        for (Map<String, String> part : parts) {
            String type = part.getOrDefault("content-type", "");
            String body = part.getOrDefault("", "");
            if (type.isEmpty() && part.size() == 1 && body.isBlank()) {
                continue; // the empty, typeless last part some servers send
            }
            if (type.contains("xml")) {
                int reply = replyCode(body);
                if (reply == 0 && part.containsKey("location")) {
                    expected++;
                    locations.add(part.get("location"));
                } else if (reply != 0 && reply != 20403) {
                    error = true;
                }
                continue;
            }
            expected++;
            if (part.containsKey("location")) {
                locations.add(part.get("location"));
            }
        }
        try (ReplayServer server = new ReplayServer()) {
            server.on("getobject", r -> recorded);
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of(), "RES"), policy(), Waiter.SYSTEM)) {
                if (error) {
                    assertThat(catchThrowableOfType(MlsException.class, () -> client.media("K1"))).isNotNull();
                    return;
                }
                List<MlsMedia> media = client.media("K1");
                assertThat(media).hasSize(expected);
                assertThat(media.stream().map(MlsMedia::mediaUrl).filter(u -> u != null).toList())
                        .containsExactlyInAnyOrderElementsOf(locations);
                assertThat(server.requests("getobject").get(0).parameters()).containsEntry("Location", "1");
            }
        }
    }

    private void refused(Recorded recorded) throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            server.on("search", r -> recorded);
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of("LIST_1", "ListingKey"), "RES"), policy(), Waiter.SYSTEM)) {
                MlsException e = catchThrowableOfType(MlsException.class, () -> client.listingsModifiedSince(null, l -> { }));
                assertThat(e).as("refused").isNotNull();
                int reply = replyCode(recorded.text());
                if (reply != 0) {
                    assertThat(e.retsReplyCode()).isEqualTo(reply);
                } else {
                    assertThat(e.kind()).isEqualTo(MlsException.Kind.MALFORMED);
                    assertThat(e.getMessage()).contains("RETS");
                }
            }
        }
    }

    /** rets_reply_codes.json: every reply code a server can send, each answered to a Search. */
    private void replyCodes(Path file) throws Exception {
        JsonNode codes = JsonMapper.builder().build().readTree(file.toFile());
        String[] current = {null};
        try (ReplayServer server = new ReplayServer()) {
            server.on("search", r -> ReplayServer.xml(current[0]));
            try (RetsClient client = new RetsClient(settings(server.loginUrl(), Map.of("LIST_1", "ListingKey"), "RES"), policy(), Waiter.SYSTEM)) {
                for (JsonNode code : codes) {
                    int c = code.get("Code").asInt();
                    String message = code.get("Message").asText();
                    current[0] = "<RETS ReplyCode=\"" + c + "\" ReplyText=\"" + escape(message) + "\"/>";
                    List<MlsListing> got = new ArrayList<>();
                    MlsException e = catchThrowableOfType(MlsException.class, () -> client.listingsModifiedSince(null, got::add));
                    if (c == 0 || c == RetsReplyException.NO_RECORDS) {
                        assertThat(e).as("code " + c).isNull();
                        assertThat(got).isEmpty();
                    } else {
                        assertThat(e).as("code " + c).isNotNull();
                        assertThat(e.retsReplyCode()).as("code " + c).isEqualTo(c);
                        if (c != RetsReplyException.MAX_RECORDS_EXCEEDED) { // 20208 without rows: the key fallback's own message
                            assertThat(e.serverMessage()).as("code " + c).isEqualTo(message);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theFixturesAreThere() {
        assertThat(Fixtures.all()).hasSizeGreaterThan(70);
    }

    // ---------------------------------------------------------------- reading the recordings in the test's own way

    static HttpPolicy policy() {
        return new HttpPolicy(0, 0, Duration.ofSeconds(5), 0, Duration.ofMillis(1), Duration.ofMillis(2), 0, 1,
                Duration.ofSeconds(1), 50, Duration.ofSeconds(1));
    }

    private static int replyCode(String text) {
        Matcher m = REPLY.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String value(String loginBody, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + "=([^\\r\\n]*)").matcher(loginBody);
        return m.find() ? m.group(1).trim() : null;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The parts of a multipart recording (header names lower-cased, the body under ""), or the one object. */
    private static List<Map<String, String>> parts(Recorded recorded) {
        List<Map<String, String>> parts = new ArrayList<>();
        String boundary = recorded.boundary();
        String text = recorded.text();
        if (boundary == null) {
            Map<String, String> one = new java.util.HashMap<>();
            recorded.headers().forEach(h -> one.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            one.put("", text);
            parts.add(one);
            return parts;
        }
        String[] chunks = text.split("\r?\n--" + Pattern.quote(boundary));
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            if (chunk.startsWith("--")) {
                break; // the closing delimiter
            }
            chunk = chunk.replaceFirst("^[ \\t]*\\r?\\n", "");
            Map<String, String> part = new java.util.HashMap<>();
            String[] headAndBody = chunk.split("\\r?\\n\\r?\\n", 2);
            String head = headAndBody[0];
            String body = headAndBody.length > 1 ? headAndBody[1] : "";
            if (!head.contains(":")) {
                body = chunk;
                head = "";
            }
            for (String line : head.split("\\r?\\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    part.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            part.put("", body);
            parts.add(part);
        }
        return parts;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
