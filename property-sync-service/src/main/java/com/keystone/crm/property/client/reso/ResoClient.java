package com.keystone.crm.property.client.reso;

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
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.jboss.logging.Logger;

/**
 * RESO Web API (OData v4) client. Replicates with {@code $filter=ModificationTimestamp ge <watermark>},
 * {@code $orderby=ModificationTimestamp asc,ListingKey asc}, {@code $top} and {@code $expand=Media} (dropped for
 * good when the server refuses it), following {@code @odata.nextLink} until absent and reading each page record by
 * record. Bearer tokens from OAuth2 client credentials, renewed before expiry and once more on a 401.
 */
public final class ResoClient implements MlsProvider {

    private static final Logger LOG = Logger.getLogger(ResoClient.class);
    private static final DateTimeFormatter ODATA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final ProviderSettings settings;
    private final ProviderHttp http;
    private final OAuthTokens tokens;
    private final String serviceRoot;
    private final String entitySet;
    private volatile ResoValues values;
    private volatile boolean expandMedia = true;

    public ResoClient(ProviderSettings settings, HttpPolicy policy, Waiter waiter) {
        this(settings, policy, waiter, new RequestGate(policy.requestsPerSecond(), policy.mediaPerHour(), waiter));
    }

    /** With the provider's shared request gate (see DefaultMlsProviderFactory). */
    public ResoClient(ProviderSettings settings, HttpPolicy policy, Waiter waiter, RequestGate gate) {
        this.settings = settings;
        this.serviceRoot = settings.url().endsWith("/") ? settings.url().substring(0, settings.url().length() - 1) : settings.url();
        this.entitySet = settings.resource() == null || settings.resource().isBlank() ? "Property" : settings.resource();
        this.http = new ProviderHttp(settings.providerId(), policy, settings.userAgent(), null, waiter, gate);
        this.tokens = new OAuthTokens(http, settings.tokenUrl(), settings.username(), settings.password(), waiter);
    }

    @Override
    public String protocol() {
        return "reso-web-api";
    }

    @Override
    public void listingsModifiedSince(Instant since, ListingSink sink) {
        ResoValues reader = values();
        Map<String, String> query = new LinkedHashMap<>();
        if (since != null) {
            query.put("$filter", "ModificationTimestamp ge " + ODATA_TIMESTAMP.format(since.atOffset(ZoneOffset.UTC)));
        }
        query.put("$orderby", "ModificationTimestamp asc,ListingKey asc");
        query.put("$top", String.valueOf(Math.max(1, settings.pageSize())));
        ODataPage.Records records = record -> sink.accept(reader.listing(record));
        if (expandMedia) {
            Map<String, String> withMedia = new LinkedHashMap<>(query);
            withMedia.put("$expand", "Media");
            try {
                follow(url(entitySet, withMedia), records);
                return;
            } catch (MlsException e) {
                if (!Integer.valueOf(400).equals(e.httpStatus()) || !String.valueOf(e.serverMessage()).contains("expand")) {
                    throw e;
                }
                LOG.infof("provider %s: $expand=Media refused (%s); media are fetched per listing", settings.providerId(), e.serverMessage());
                expandMedia = false;
            }
        }
        follow(url(entitySet, query), records);
    }

    @Override
    public void listingKeys(Consumer<String> sink) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$select", "ListingKey");
        query.put("$orderby", "ListingKey asc");
        query.put("$top", String.valueOf(Math.max(1, settings.pageSize())));
        follow(url(entitySet, query), record -> sink.accept(String.valueOf(record.get("ListingKey"))));
    }

    @Override
    public List<MlsMedia> media(String listingKey) {
        ResoValues reader = values();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", "ResourceRecordKey eq '" + listingKey.replace("'", "''") + "'");
        query.put("$orderby", "Order asc");
        List<MlsMedia> media = new ArrayList<>();
        follow(url("Media", query), record -> media.add(reader.media(record)));
        media.sort(Comparator.comparingInt(MlsMedia::order));
        return media;
    }

    @Override
    public MediaContent openMedia(MlsMedia media) {
        URI url = URI.create(Objects.requireNonNull(media.mediaUrl(), "media without MediaURL"));
        boolean ownHost = url.getHost() != null && url.getHost().equalsIgnoreCase(URI.create(serviceRoot).getHost());
        ClassicHttpResponse response = authorized(() -> {
            ClassicRequestBuilder get = ClassicRequestBuilder.get(url);
            if (ownHost) {
                get.addHeader("Authorization", tokens.authorization()); // never hand our token to a CDN
            }
            return get.build();
        }, request -> http.open(request, true));
        HttpEntity entity = response.getEntity();
        try {
            InputStream body = entity.getContent();
            return new MediaContent(new FilterInputStream(body) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        response.close();
                    }
                }
            }, entity.getContentType(), entity.getContentLength());
        } catch (IOException e) {
            try {
                response.close();
            } catch (IOException ignored) {
                // the read failure is the one to report
            }
            throw new MlsException(Kind.UNAVAILABLE, response.getCode(), null, "media body unreadable: " + e, e);
        }
    }

    @Override
    public ProviderUsage usage() {
        return http.usage();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Tokens issued so far. */
    public long tokensIssued() {
        return tokens.issued();
    }

    /** Reads every page from {@code first} on, following nextLink until the server gives none. */
    private void follow(String first, ODataPage.Records records) {
        String next = first;
        while (next != null) {
            URI uri = URI.create(next);
            ODataPage page = authorized(() -> ClassicRequestBuilder.get(uri)
                            .addHeader("Authorization", tokens.authorization())
                            .addHeader("Accept", "application/json")
                            .build(),
                    request -> http.execute(request, false, response -> ODataPage.read(response.getEntity().getContent(), records)));
            next = page.nextLink();
        }
    }

    /** Sends with the current token; on a 401 drops it, gets a new one and sends once more. */
    private <T> T authorized(Supplier<ClassicHttpRequest> request, java.util.function.Function<Supplier<ClassicHttpRequest>, T> send) {
        try {
            return send.apply(request);
        } catch (MlsException e) {
            if (e.kind() != Kind.AUTHENTICATION || !Integer.valueOf(401).equals(e.httpStatus())) {
                throw e;
            }
            LOG.infof("provider %s: 401 (%s), fetching a new token", settings.providerId(), e.serverMessage());
            tokens.invalidate();
            return send.apply(request);
        } catch (ListingSinkException e) {
            throw e;
        }
    }

    /** Reads $metadata once for the Property types; without it values are typed by their JSON form. */
    private ResoValues values() {
        ResoValues current = values;
        if (current != null) {
            return current;
        }
        ZoneId zone = settings.serverZone() != null ? settings.serverZone() : ZoneOffset.UTC;
        EdmTypes types;
        try {
            types = authorized(() -> ClassicRequestBuilder.get(URI.create(serviceRoot + "/$metadata"))
                            .addHeader("Authorization", tokens.authorization())
                            .addHeader("Accept", "application/xml")
                            .build(),
                    request -> http.execute(request, false, response -> EdmTypes.parse(response.getEntity().getContent(), entitySet)));
        } catch (MlsException e) {
            if (e.kind() != Kind.REJECTED) {
                throw e;
            }
            LOG.warnf("provider %s: no usable $metadata (%s); typing values by their JSON form", settings.providerId(), e.getMessage());
            types = EdmTypes.none();
        }
        current = new ResoValues(types, zone);
        values = current;
        return current;
    }

    private String url(String set, Map<String, String> query) {
        StringBuilder url = new StringBuilder(serviceRoot).append('/').append(set);
        char separator = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            // %20, not '+': OData servers read the query by RFC 3986, where '+' is a literal plus
            url.append(separator).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        return url.toString();
    }
}
