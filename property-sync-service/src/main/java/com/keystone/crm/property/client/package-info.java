/**
 * MLS provider clients: one {@link com.keystone.crm.property.client.MlsProvider} per feed, RETS 1.7.2 or the RESO
 * Web API, both streaming listings normalised to RESO Data Dictionary names.
 *
 * <h2>Using them</h2>
 * Inject {@link com.keystone.crm.property.client.MlsProviderFactory} (the CDI bean is
 * {@link com.keystone.crm.property.client.DefaultMlsProviderFactory}), {@code open(settings)} once per provider and
 * sync run, call it from a worker thread (blocking), and {@code close()} it (RETS logs out). One provider object may
 * be shared by threads (e.g. photo downloads beside the listing stream); the factory keeps one request gate per
 * provider id, so every client of a provider shares the budget and a 429 seen by one holds all of them back. Failures that outlive the retries are
 * {@link com.keystone.crm.property.client.MlsException}s (kind, HTTP status, RETS reply code, server message); a
 * sink that throws a checked exception stops the stream with
 * {@link com.keystone.crm.property.client.ListingSinkException} carrying it.
 *
 * <h2>Anatomy</h2>
 * <ul>
 * <li>{@code http.ProviderHttp}: the HTTP layer both clients share (Apache HttpClient 5 classic: Digest/Basic auth,
 * cookies, streamed bodies), behind {@code http.RequestGate} (Bucket4j: requests per second, media per hour; a pause
 * after a 429 or an exhausted server quota that holds back every request), Failsafe retries with exponential backoff
 * and jitter for 5xx/408/I/O, a Failsafe circuit breaker, and {@code http.QuotaHeaders} (Minute-/Hour-Quota-*,
 * X-RateLimit-*, Retry-After). {@code http.HttpPolicy} holds the numbers.</li>
 * <li>{@code rets.RetsClient}: Login, metadata cache ({@code rets.MetadataHandler} into {@code rets.RetsMetadata}),
 * Search paging and its fallbacks, GetObject. {@code rets.CompactParser} streams COMPACT with StAX behind
 * {@code rets.XmlCharRefFilterInputStream}; {@code rets.SearchHandler} checks reply codes and column counts;
 * {@code rets.RetsRowDecoder} names, types and decodes values; {@code rets.Dmql} writes queries;
 * {@code rets.UaAuthorization} the RETS-UA-Authorization digest; {@code rets.GetObjectReader} streams
 * multipart/parallel with mime4j.</li>
 * <li>{@code reso.ResoClient}: OData replication; {@code reso.OAuthTokens} (client credentials), {@code reso.ODataPage}
 * (record-by-record JSON), {@code reso.EdmTypes} ($metadata types), {@code reso.ResoValues} (typing).</li>
 * <li>{@link com.keystone.crm.property.client.Timestamps}: timestamps with or without a zone.</li>
 * </ul>
 *
 * <h2>Behaviour worth knowing</h2>
 * <ul>
 * <li>Lookup values come as the server's long values (RETS LookupType LongValue, RESO enumeration member names,
 * e.g. {@code ActiveUnderContract}); multi-valued lookups as {@code List<String>}.</li>
 * <li>RETS rows with the wrong number of columns are skipped, logged, counted in
 * {@link com.keystone.crm.property.client.ProviderUsage#skippedRows()}, and fetched once more by key at the end of
 * the class's pull (so a transient corruption loses nothing).</li>
 * <li>RETS timestamps without an offset are read in the SYSTEM metadata's TimeZoneOffset, else in
 * {@code ProviderSettings.serverZone}; RESO ones in {@code serverZone} (UTC when null).</li>
 * <li>RETS media carry the Location URL (GetObject Location=1) and no MediaModificationTimestamp; their MediaKey is
 * {@code ListingKey-Order}. {@code openMedia} of a media without URL uses GetObject Location=0.</li>
 * <li>RESO: {@code media} is filled when the server expands Media; after a refusal of {@code $expand} it is null and
 * {@code media(listingKey)} lists them.</li>
 * </ul>
 */
package com.keystone.crm.property.client;
