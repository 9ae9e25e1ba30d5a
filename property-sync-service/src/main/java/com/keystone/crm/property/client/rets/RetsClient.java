package com.keystone.crm.property.client.rets;

import com.keystone.crm.property.client.ListingSink;
import com.keystone.crm.property.client.ListingSinkException;
import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsException.Kind;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.ProviderUsage;
import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.ProviderHttp;
import com.keystone.crm.property.client.http.RequestGate;
import com.keystone.crm.property.client.http.Waiter;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.jboss.logging.Logger;

/**
 * RETS 1.7.2 client. Logs in (Digest or Basic, by HttpClient's challenge handling), keeps the RETS-Session-ID
 * cookie, sends RETS-Version and, when configured, RETS-UA-Authorization; re-logs in and retries once on 401 or
 * ReplyCode 20037. Metadata (SYSTEM, RESOURCE, CLASS, TABLE, LOOKUP_TYPE, COMPACT) is cached and reloaded when the
 * login's MetadataTimestamp changes. Search pages with Limit/Offset, reading COMPACT rows as they stream; when the
 * server ignores Offset (a page repeating the previous one), rejects it (20203) or caps a page it cannot page past,
 * it falls back to a key-only query (Limit=NONE, split into time slices while capped) and fetches the records by key
 * batches. Media through GetObject (Location=1 for URLs; Location=0 to stream bytes when there is no URL).
 */
public final class RetsClient implements MlsProvider {

    private static final Logger LOG = Logger.getLogger(RetsClient.class);
    private static final int KEY_BATCH = 100;
    /** Listings per batched GetObject: keeps the URL of a GET well under servers' 8 KB request-line limits. */
    static final int MEDIA_IDS_PER_REQUEST = 100;
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final ProviderSettings settings;
    private final ProviderHttp http;
    private final RetsRequests requests;
    private final URI loginUrl;
    private final String resource;
    private volatile RetsLogin login;
    private volatile RetsMetadata metadata;
    private volatile String metadataStamp;
    private volatile boolean loggedOut;

    public RetsClient(ProviderSettings settings, HttpPolicy policy, Waiter waiter) {
        this(settings, policy, waiter, new RequestGate(policy.requestsPerSecond(), policy.mediaPerHour(), waiter));
    }

    /** With the provider's shared request gate (see DefaultMlsProviderFactory). */
    public RetsClient(ProviderSettings settings, HttpPolicy policy, Waiter waiter, RequestGate gate) {
        this.settings = settings;
        this.loginUrl = URI.create(settings.url());
        this.resource = settings.resource() == null || settings.resource().isBlank() ? "Property" : settings.resource();
        HttpHost host = new HttpHost(loginUrl.getScheme(), loginUrl.getHost(), loginUrl.getPort());
        this.http = new ProviderHttp(settings.providerId(), policy, settings.userAgent(),
                CredentialsProviderBuilder.create().add(host, settings.username(), chars(settings.password())).build(), waiter, gate);
        this.requests = new RetsRequests(settings, http.cookies());
    }

    @Override
    public String protocol() {
        return "rets";
    }

    // ---------------------------------------------------------------- session

    /** Logs in (again), reloading metadata when its timestamp moved. */
    public synchronized RetsLogin login() {
        RetsLogin fresh = authenticate();
        // RETS 1.5 servers send only MetadataVersion, 1.7 MetadataTimestamp (and usually the version too): either moving reloads
        String stamp = fresh.metadataTimestamp() + "|" + fresh.metadataVersion();
        if (metadata == null || !Objects.equals(metadataStamp, stamp)) {
            metadata = loadMetadata(fresh);
            metadataStamp = stamp;
        }
        return fresh;
    }

    /** The Login transaction alone: a new session and its capability URLs. */
    synchronized RetsLogin authenticate() {
        RetsLogin fresh = http.execute(requests.get(loginUrl), false, response -> {
            StringBuilder body = new StringBuilder();
            int[] reply = {0};
            String[] text = {null};
            CompactParser.parseWith(content(response), decoding(response.getEntity()), new CompactHandler() {
                @Override
                public void reply(int code, String replyText) {
                    reply[0] = code;
                    text[0] = replyText;
                }

                @Override
                public void response(String lines) {
                    body.append(lines);
                }
            });
            if (reply[0] != 0) {
                throw new MlsException(Kind.AUTHENTICATION, response.getCode(), reply[0], text[0], null);
            }
            return RetsLogin.parse(body.toString(), loginUrl);
        });
        if (fresh.capability("Search") == null) {
            throw new MlsException(Kind.MALFORMED, 200, 0, "login answered no Search capability URL", null);
        }
        login = fresh;
        loggedOut = false;
        return fresh;
    }

    /**
     * The current session, once its metadata is loaded. The photo workers share this client with the sync: a thread
     * arriving while another is still loading metadata after its Login (the session already set) waits for it.
     */
    private RetsLogin session() {
        RetsLogin current = login;
        if (current != null && metadata != null) {
            return current;
        }
        synchronized (this) {
            current = login;
            return current != null && metadata != null ? current : login();
        }
    }

    /** Runs one transaction; on 401 or ReplyCode 20037 logs in again and runs it once more. */
    private <T> T inSession(Supplier<T> transaction) {
        session();
        try {
            return transaction.get();
        } catch (RetsReplyException e) {
            if (e.replyCode() != RetsReplyException.SESSION_EXPIRED) {
                throw new MlsException(Kind.REJECTED, 200, e.replyCode(), e.replyText(), e);
            }
            LOG.infof("provider %s: session expired (20037), logging in again", settings.providerId());
        } catch (MlsException e) {
            if (e.kind() != Kind.AUTHENTICATION || !Integer.valueOf(401).equals(e.httpStatus())) {
                throw e;
            }
            LOG.infof("provider %s: 401, logging in again", settings.providerId());
        }
        synchronized (this) {
            login = null;
            http.cookies().clear();
        }
        login();
        try {
            return transaction.get();
        } catch (RetsReplyException e) {
            throw new MlsException(e.replyCode() == RetsReplyException.SESSION_EXPIRED ? Kind.AUTHENTICATION : Kind.REJECTED,
                    200, e.replyCode(), e.replyText(), e);
        }
    }

    // ---------------------------------------------------------------- metadata

    private RetsMetadata loadMetadata(RetsLogin session) {
        URI url = session.capability("GetMetadata");
        RetsMetadata loaded = new RetsMetadata();
        if (url == null) {
            LOG.warnf("provider %s: no GetMetadata capability; values are read as served", settings.providerId());
            return loaded;
        }
        metadata(url, "METADATA-SYSTEM", "*", loaded);
        metadata(url, "METADATA-RESOURCE", "0", loaded);
        metadata(url, "METADATA-CLASS", resource, loaded);
        for (String className : classes(loaded)) {
            if (loaded.table(resource, className).isEmpty()) { // a whole tree answered to SYSTEM ID=* holds the tables already
                metadata(url, "METADATA-TABLE", resource + ":" + className, loaded);
            }
        }
        metadata(url, "METADATA-LOOKUP_TYPE", resource + ":*", loaded);
        return loaded;
    }

    /** One GetMetadata request; a session ending mid-load is renewed (without reloading metadata) and the request sent again. */
    private void metadata(URI url, String type, String id, RetsMetadata into) {
        try {
            metadataOnce(url, type, id, into);
        } catch (RetsReplyException expired) {
            http.cookies().clear();
            authenticate();
            try {
                metadataOnce(url, type, id, into);
            } catch (RetsReplyException e) {
                throw new MlsException(Kind.AUTHENTICATION, 200, e.replyCode(), e.replyText(), e);
            }
        }
    }

    private void metadataOnce(URI url, String type, String id, RetsMetadata into) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Type", type);
        parameters.put("ID", id);
        parameters.put("Format", "COMPACT");
        http.execute(requests.transaction(url, parameters, settings.usePost()), false, response -> {
            MetadataHandler handler = new MetadataHandler(into, id);
            CompactParser.parseWith(content(response), decoding(response.getEntity()), handler);
            if (handler.replyCode() == RetsReplyException.SESSION_EXPIRED) {
                throw new RetsReplyException(handler.replyCode(), handler.replyText());
            }
            if (handler.replyCode() != 0) {
                // 20502/20503: this metadata is not served; reading goes on with what there is
                LOG.warnf("provider %s: %s %s answered %d %s", settings.providerId(), type, id, handler.replyCode(), handler.replyText());
            }
            return null;
        });
    }

    /** The metadata now in use (loaded at the first login). */
    public RetsMetadata metadata() {
        session();
        return metadata;
    }

    private List<String> classes(RetsMetadata md) {
        if (settings.searchClasses() != null && !settings.searchClasses().isBlank()) {
            return Arrays.stream(settings.searchClasses().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        List<String> served = md.classes(resource);
        return served.isEmpty() ? List.of("RES") : served;
    }

    private ZoneId zone() {
        return metadata.zone(settings.serverZone());
    }

    /** The class's SystemName for a RESO field: the configured map's, else the TABLE's StandardName, else the name itself. */
    String systemName(String className, String resoName) {
        if (settings.fieldMap() != null) {
            for (Map.Entry<String, String> e : settings.fieldMap().entrySet()) {
                if (resoName.equals(RetsRowDecoder.mappedName(e.getValue()))) {
                    return e.getKey();
                }
            }
        }
        for (RetsField field : metadata.table(resource, className).values()) {
            if (resoName.equals(field.standardName())) {
                return field.systemName();
            }
        }
        if ("ListingKey".equals(resoName) && metadata.keyField(resource) != null) {
            return metadata.keyField(resource);
        }
        return resoName;
    }

    /** COMPACT-DECODED when configured, or when the server has lookup fields but served no lookup values. */
    private boolean serverDecodes(String className) {
        if ("COMPACT-DECODED".equalsIgnoreCase(settings.format())) {
            return true;
        }
        for (RetsField field : metadata.table(resource, className).values()) {
            if ((field.lookup() || field.lookupMulti()) && metadata.lookup(resource, field.lookupName()).isEmpty()) {
                LOG.warnf("provider %s: lookup %s has no values in metadata; asking for COMPACT-DECODED", settings.providerId(),
                        field.lookupName());
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- listings

    @Override
    public void listingsModifiedSince(Instant since, ListingSink sink) {
        session();
        for (String className : classes(metadata)) {
            new ClassPull(className, since, sink).run();
        }
    }

    @Override
    public void listingKeys(Consumer<String> sink) {
        session();
        for (String className : classes(metadata)) {
            String keyField = systemName(className, "ListingKey");
            String query = Dmql.modifiedSince(systemName(className, "ModificationTimestamp"), null, zone());
            keysOf(className, keyField, query, Dmql.BEGINNING, null, sink);
        }
    }

    /** One class's incremental pull: Offset paging, then the key fallback when the server defeats paging. */
    private final class ClassPull {
        private final String className;
        private final Instant since;
        private final ListingSink sink;
        private final String keyField;
        private final String modField;
        private final boolean decoded;
        private final String query;
        /** Keys of rows skipped for a wrong column count: fetched again once, by key, after the pull. */
        private final List<String> skippedKeys = new ArrayList<>();
        private boolean refetching;
        private List<String> decoderColumns;
        private RetsRowDecoder decoder;
        /** The most rows the server was seen to return for one search. */
        private int serverCap = Integer.MAX_VALUE;

        ClassPull(String className, Instant since, ListingSink sink) {
            this.className = className;
            this.since = since;
            this.sink = sink;
            this.keyField = systemName(className, "ListingKey");
            this.modField = systemName(className, "ModificationTimestamp");
            this.decoded = serverDecodes(className);
            this.query = Dmql.modifiedSince(modField, since, zone());
        }

        void run() {
            pull();
            if (!skippedKeys.isEmpty()) {
                List<String> again = List.copyOf(skippedKeys);
                LOG.warnf("provider %s: fetching %d malformed rows of class %s again by key", settings.providerId(), again.size(), className);
                refetching = true;
                fetch(again);
            }
        }

        private void pull() {
            int limit = Math.max(1, settings.pageSize());
            int offset = 1;
            String previousFirstKey = null;
            while (true) {
                SearchPage page;
                try {
                    page = search(query, String.valueOf(limit), offset, null, previousFirstKey, this::deliver);
                } catch (SearchHandler.RepeatedPage e) {
                    LOG.warnf("provider %s: class %s ignores Offset; reading by keys", settings.providerId(), className);
                    byKeys();
                    return;
                } catch (MlsException e) {
                    if (!Integer.valueOf(RetsReplyException.OFFSET_NOT_SUPPORTED).equals(e.retsReplyCode())) {
                        throw e;
                    }
                    LOG.warnf("provider %s: class %s rejects Offset (20203); reading by keys", settings.providerId(), className);
                    byKeys();
                    return;
                }
                if (page.noRecords() || page.rows() == 0) {
                    if (page.capped() && offset == 1) {
                        byKeys();
                    }
                    return;
                }
                if (page.capped()) {
                    serverCap = Math.min(serverCap, page.rows());
                }
                boolean more = page.capped() || (page.count() != null && offset - 1 + page.rows() < page.count());
                if (!more) {
                    return;
                }
                offset += page.rows();
                previousFirstKey = page.firstKey();
            }
        }

        /** Key-only query (time-sliced while capped), then the records by key batches. */
        private void byKeys() {
            List<String> keys = new ArrayList<>();
            keysOf(className, keyField, query, since == null ? Dmql.BEGINNING : since, modField, keys::add);
            fetch(keys);
        }

        /**
         * Fetches records by key batches. A batch the server caps (its row cap is below the batch) is finished in
         * batches the size of what it did return.
         */
        private void fetch(List<String> keys) {
            java.util.Deque<String> pending = new java.util.ArrayDeque<>(new java.util.LinkedHashSet<>(keys));
            int batchSize = Math.min(KEY_BATCH, serverCap);
            while (!pending.isEmpty()) {
                List<String> batch = new ArrayList<>();
                while (batch.size() < batchSize && !pending.isEmpty()) {
                    batch.add(pending.poll());
                }
                java.util.Set<String> got = new java.util.HashSet<>();
                SearchPage page = search(Dmql.keyIn(keyField, batch), String.valueOf(batch.size()), null, null, null,
                        (key, columns, values) -> {
                            got.add(key);
                            deliver(key, columns, values);
                        });
                if (page.capped()) {
                    // MAXROWS tells the cap by the rows sent; a 20208 without rows only says "fewer": halve
                    batchSize = page.rows() > 0 ? page.rows() : batchSize / 2;
                    if (batchSize == 0) {
                        throw new MlsException(Kind.REJECTED, 200, RetsReplyException.MAX_RECORDS_EXCEEDED,
                                "the server refuses even a one-key search as too many records", null);
                    }
                    serverCap = Math.min(serverCap, batchSize);
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        if (!got.contains(batch.get(i))) {
                            pending.addFirst(batch.get(i));
                        }
                    }
                }
            }
        }

        private SearchPage search(String dmql, String limit, Integer offset, String select, String previousFirstKey,
                                  SearchHandler.Rows rows) {
            return RetsClient.this.search(className, dmql, limit, offset, select, keyField, previousFirstKey, decoded, rows,
                    key -> {
                        if (!refetching) {
                            skippedKeys.add(key);
                        }
                    });
        }

        private void deliver(String key, List<String> columns, List<String> values) {
            // one decoder per page: the parser hands every row of a page the same COLUMNS list
            if (columns != decoderColumns) {
                decoder = new RetsRowDecoder(columns, metadata, resource, className, settings.fieldMap(), zone(), decoded);
                decoderColumns = columns;
            }
            List<String> problems = new ArrayList<>();
            Map<String, Object> fields = decoder.decode(values, problems);
            Object listingKey = fields.getOrDefault("ListingKey", key);
            // a listing with a value that cannot be typed goes on with the problem named, so the sync reports it by field
            MlsListing listing = new MlsListing(String.valueOf(listingKey), instant(fields.get("ModificationTimestamp")),
                    instant(fields.get("PhotosChangeTimestamp")), fields, null, problems);
            try {
                sink.accept(listing);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ListingSinkException(e);
            }
        }
    }

    /**
     * Streams the keys matching {@code query}: one Limit=NONE request; when the server caps it, the query's time range
     * [from, far future] is split in halves until no slice is capped.
     */
    private void keysOf(String className, String keyField, String query, Instant from, String modField, Consumer<String> sink) {
        SearchPage page = search(className, query, "NONE", null, keyField, keyField, null, true, (key, columns, values) -> sink.accept(key));
        if (!page.capped()) {
            return;
        }
        String field = modField != null ? modField : systemName(className, "ModificationTimestamp");
        LOG.warnf("provider %s: key list of class %s capped at %d rows; slicing by %s", settings.providerId(), className, page.rows(), field);
        Instant to = Instant.now().plus(Duration.ofDays(3650));
        // the capped answer's keys were handed on already; slices repeat some of them, which callers deduplicate
        slice(className, keyField, field, from, to, sink);
    }

    private void slice(String className, String keyField, String modField, Instant from, Instant to, Consumer<String> sink) {
        String query = Dmql.modifiedBetween(modField, from, to, zone());
        List<String> sliceKeys = new ArrayList<>();
        SearchPage page = search(className, query, "NONE", null, keyField, keyField, null, true, (key, columns, values) -> sliceKeys.add(key));
        if (page.capped() && page.rows() == 0 && Duration.between(from, to).compareTo(ONE_SECOND) <= 0) {
            // even a one-second slice answered 20208 without rows: the server will not list these keys at all
            throw new MlsException(Kind.REJECTED, 200, RetsReplyException.MAX_RECORDS_EXCEEDED,
                    "Maximum Records Exceeded for a key-only query of one second (" + from + "), with no rows", null);
        }
        if (!page.capped() || Duration.between(from, to).compareTo(ONE_SECOND) <= 0) {
            if (page.capped()) {
                LOG.warnf("provider %s: over %d keys share the second %s; some may be missing", settings.providerId(), page.rows(), from);
            }
            sliceKeys.forEach(sink);
            return;
        }
        Instant middle = from.plusSeconds(Duration.between(from, to).getSeconds() / 2);
        slice(className, keyField, modField, from, middle, sink);
        slice(className, keyField, modField, middle.plusSeconds(1), to, sink);
    }

    private SearchPage search(String className, String query, String limit, Integer offset, String select, String keyField,
                              String previousFirstKey, boolean decoded, SearchHandler.Rows rows) {
        return search(className, query, limit, offset, select, keyField, previousFirstKey, decoded, rows, null);
    }

    private SearchPage search(String className, String query, String limit, Integer offset, String select, String keyField,
                              String previousFirstKey, boolean decoded, SearchHandler.Rows rows, Consumer<String> skipped) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SearchType", resource);
        parameters.put("Class", className);
        parameters.put("QueryType", "DMQL2");
        parameters.put("Query", query);
        parameters.put("Format", decoded ? "COMPACT-DECODED" : "COMPACT");
        parameters.put("StandardNames", "0");
        parameters.put("Count", "1");
        parameters.put("Limit", limit);
        if (offset != null) {
            parameters.put("Offset", String.valueOf(offset));
        }
        if (select != null) {
            parameters.put("Select", select);
        }
        return inSession(() -> http.execute(requests.transaction(session().capability("Search"), parameters, settings.usePost()), false,
                response -> {
                    SearchHandler handler = new SearchHandler(keyField, previousFirstKey, rows, key -> {
                        http.countSkippedRow();
                        if (skipped != null && key != null) {
                            skipped.accept(key);
                        }
                    });
                    CompactParser.parseWith(content(response), decoding(response.getEntity()), handler);
                    return handler.page();
                }));
    }

    // ---------------------------------------------------------------- media

    @Override
    public List<MlsMedia> media(String listingKey) {
        Map<String, String> parameters = objectParameters(listingKey + ":*", "1");
        List<MlsMedia> media = inSession(() -> http.execute(requests.transaction(getObjectUrl(), parameters, settings.usePost()), false,
                response -> {
                    List<MlsMedia> found = new ArrayList<>();
                    String type = contentType(response.getEntity());
                    if (GetObjectReader.isMultipart(type)) {
                        GetObjectReader.read(content(response), type, (part, body) -> {
                            addPart(listingKey, part, body, found);
                            return true;
                        });
                    } else {
                        Map<String, String> headers = new LinkedHashMap<>();
                        Arrays.stream(response.getHeaders()).forEach(h -> headers.put(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue()));
                        addPart(listingKey, new ObjectPart(headers), content(response), found);
                    }
                    return found;
                }));
        media.sort(Comparator.comparingInt(MlsMedia::order));
        return media;
    }

    /**
     * Lists the media of up to {@value #MEDIA_IDS_PER_REQUEST} listings per GetObject ({@code ID=k1:*,k2:*,...},
     * Location=1), each part telling its listing by Content-ID: a first sync's media lists cost one request per
     * batch instead of one per listing. A chunk the server refuses as a whole, or answers with parts without
     * Content-ID, is listed key by key.
     */
    @Override
    public Map<String, List<MlsMedia>> media(Collection<String> listingKeys) {
        Map<String, List<MlsMedia>> media = new LinkedHashMap<>();
        List<String> keys = List.copyOf(listingKeys);
        for (int from = 0; from < keys.size(); from += MEDIA_IDS_PER_REQUEST) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + MEDIA_IDS_PER_REQUEST));
            Map<String, List<MlsMedia>> listed = chunk.size() == 1 ? null : mediaOfSeveral(chunk);
            for (String key : chunk) {
                media.put(key, listed != null ? listed.getOrDefault(key, List.of()) : media(key));
            }
        }
        return media;
    }

    /** One GetObject for several listings; null when the server cannot answer it that way. */
    private Map<String, List<MlsMedia>> mediaOfSeveral(List<String> keys) {
        Map<String, String> parameters = objectParameters(keys.stream().map(k -> k + ":*").collect(Collectors.joining(",")), "1");
        Set<String> wanted = new HashSet<>(keys);
        Map<String, List<MlsMedia>> media;
        try {
            media = inSession(() -> http.execute(requests.transaction(getObjectUrl(), parameters, settings.usePost()), false,
                    response -> {
                        Map<String, List<MlsMedia>> found = new HashMap<>();
                        String type = contentType(response.getEntity());
                        if (!GetObjectReader.isMultipart(type)) {
                            return null; // one object or one reply for several ids: not an answer we can attribute
                        }
                        boolean[] attributable = {true};
                        GetObjectReader.read(content(response), type, (part, body) -> {
                            if (part.isEmptyTypeless()) {
                                return true;
                            }
                            if (part.isXml() && part.location() == null) {
                                addPart(null, part, body, new ArrayList<>()); // 20403 among good parts, or a real error
                                return true;
                            }
                            String key = part.contentId() == null ? null : part.contentId().trim();
                            if (key == null || !wanted.contains(key)) {
                                attributable[0] = false;
                                return false;
                            }
                            addPart(key, part, body, found.computeIfAbsent(key, k -> new ArrayList<>()));
                            return true;
                        });
                        return attributable[0] ? found : null;
                    }));
        } catch (MlsException e) {
            if (e.kind() != Kind.REJECTED || e.retsReplyCode() == null) {
                throw e;
            }
            LOG.debugf("provider %s: GetObject with %d ids refused (%s), listing media one listing at a time",
                    settings.providerId(), keys.size(), e.retsReplyCode());
            return null;
        }
        if (media != null) {
            media.values().forEach(list -> list.sort(Comparator.comparingInt(MlsMedia::order)));
        }
        return media;
    }

    private void addPart(String listingKey, ObjectPart part, InputStream body, List<MlsMedia> into) throws Exception {
        if (part.isEmptyTypeless()) {
            return; // the empty last part some servers send: no object
        }
        if (part.isXml()) {
            int[] reply = {0};
            String[] text = {null};
            CompactParser.parse(body, (String) null, new CompactHandler() {
                @Override
                public void reply(int code, String replyText) {
                    reply[0] = code;
                    text[0] = replyText;
                }
            });
            if (reply[0] == 0 && part.location() != null && !part.location().isBlank() && listingKey != null) {
                // Location=1 as flexmls answers it: a text/xml part with ReplyCode 0 whose Location header is the object's URL
                int order = parseOrder(part.objectId(), into.size() + 1);
                into.add(new MlsMedia(listingKey + "-" + order, listingKey, order, part.location().trim(), "Photo", null));
                return;
            }
            if (reply[0] == RetsReplyException.NO_OBJECT || reply[0] == 0) {
                return; // "no object" for this id, among good parts
            }
            throw new RetsReplyException(reply[0], text[0]);
        }
        int order = parseOrder(part.objectId(), into.size() + 1);
        String mediaKey = listingKey + "-" + order;
        into.add(new MlsMedia(mediaKey, listingKey, order, part.location(), "Photo", null));
    }

    @Override
    public MediaContent openMedia(MlsMedia media) {
        if (media.mediaUrl() != null && !media.mediaUrl().isBlank()) {
            ClassicHttpResponse response = inSession(() -> http.open(requests.get(URI.create(media.mediaUrl())), true));
            HttpEntity entity = response.getEntity();
            try {
                return new MediaContent(closing(content(response), response), contentType(entity), entity.getContentLength());
            } catch (java.io.IOException e) {
                closeQuietly(response);
                throw new MlsException(Kind.UNAVAILABLE, response.getCode(), null, "media body unreadable: " + e, e);
            }
        }
        Map<String, String> parameters = objectParameters(media.listingKey() + ":" + media.order(), "0");
        ClassicHttpResponse response = inSession(() -> http.open(requests.transaction(getObjectUrl(), parameters, settings.usePost()), true));
        try {
            String type = contentType(response.getEntity());
            if (GetObjectReader.isMultipart(type)) {
                GetObjectReader.FirstPart first = GetObjectReader.first(content(response), type);
                if (first == null || first.part().isXml()) {
                    throw new MlsException(Kind.REJECTED, 200, RetsReplyException.NO_OBJECT, "no object " + media.listingKey() + ":" + media.order(), null);
                }
                return new MediaContent(closing(first.body(), response), first.part().contentType(), -1);
            }
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("xml")) {
                throw new MlsException(Kind.REJECTED, 200, RetsReplyException.NO_OBJECT, "no object " + media.listingKey() + ":" + media.order(), null);
            }
            return new MediaContent(closing(content(response), response), type, response.getEntity().getContentLength());
        } catch (MlsException e) {
            closeQuietly(response);
            throw e;
        } catch (Exception e) {
            closeQuietly(response);
            throw new MlsException(Kind.MALFORMED, 200, null, "unreadable GetObject response: " + e, e);
        }
    }

    private Map<String, String> objectParameters(String id, String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Resource", resource);
        parameters.put("Type", "Photo");
        parameters.put("ID", id);
        parameters.put("Location", location);
        return parameters;
    }

    private URI getObjectUrl() {
        URI url = session().capability("GetObject");
        if (url == null) {
            throw new MlsException(Kind.REJECTED, null, null, "the server offers no GetObject", null);
        }
        return url;
    }

    private static int parseOrder(String objectId, int fallback) {
        try {
            return objectId == null ? fallback : Integer.parseInt(objectId.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---------------------------------------------------------------- usage and close

    @Override
    public ProviderUsage usage() {
        return http.usage();
    }

    @Override
    public void close() {
        try {
            RetsLogin current = login;
            if (current != null && !loggedOut && current.capability("Logout") != null) {
                http.execute(requests.get(current.capability("Logout")), false, response -> null);
                loggedOut = true;
            }
        } catch (RuntimeException e) {
            LOG.debugf("provider %s: logout failed: %s", settings.providerId(), e);
        } finally {
            http.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static InputStream content(ClassicHttpResponse response) throws java.io.IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** The body's declared charset, else the provider's, with the repaired rows counted in the usage. */
    private CompactParser.Decoding decoding(HttpEntity entity) {
        String configured = settings.charset() == null || settings.charset().isBlank() ? null : settings.charset().trim();
        return new CompactParser.Decoding(charset(entity), configured, http::countRepairedRows);
    }

    static String charset(HttpEntity entity) {
        if (entity == null || entity.getContentType() == null) {
            return null;
        }
        ContentType type = ContentType.parseLenient(entity.getContentType());
        return type == null || type.getCharset() == null ? null : type.getCharset().name();
    }

    private static String contentType(HttpEntity entity) {
        return entity == null ? null : entity.getContentType();
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : null;
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    private static InputStream closing(InputStream body, ClassicHttpResponse response) {
        return new java.io.FilterInputStream(body) {
            @Override
            public void close() throws java.io.IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing a response failed", e);
        }
    }
}
