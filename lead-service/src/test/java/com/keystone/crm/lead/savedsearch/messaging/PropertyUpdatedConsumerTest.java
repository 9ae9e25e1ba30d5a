package com.keystone.crm.lead.savedsearch.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.platform.contracts.events.StandardStatus;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * property.updated → saved-search match → listing-match activity → lead.activity-recorded on Kafka, through the
 * real broker, database and CDC relay: new listings and price drops are announced once per lead, listing, reason
 * and price; everything else is consumed without effect.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class PropertyUpdatedConsumerTest {
    static final String TENANT = "searches-realty-2";
    static final String OTHER_TENANT = "searches-realty-3";
    static final String AGENT = "ss-agent-kim";
    static final String OTHER_TENANT_AGENT = "ss-agent-otto";
    static final String PROVIDER = "bay-area-mls";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "ss-team-k", "agent");
        TestDirectory.ensureUser(OTHER_TENANT, OTHER_TENANT_AGENT, null, "agent");
    }

    static String token() {
        return TestTokens.token(TENANT, AGENT, "ss-team-k", "agent");
    }

    @Test
    void newListingsAndPriceDropsAreAnnouncedOncePerLeadListingAndPrice() {
        String buyer = lead(token(), "Buyer");
        // two searches of the same lead match the listing: the older one is credited, and only once
        String oakland = search(token(), buyer, """
                {"name":"Oakland 3bd","cities":["oakland"],"minPrice":500000,"maxPrice":700000,"minBedrooms":3,
                 "minBathrooms":2,"propertyTypes":["Residential"]}""");
        String zip = search(token(), buyer, "{\"name\":\"94610\",\"postalCodes\":[\"94610\"]}");
        // leads that must hear nothing: criteria not met, paused, deleted search, deleted lead
        String tooSmall = lead(token(), "TooSmall");
        search(token(), tooSmall, "{\"name\":\"Big\",\"cities\":[\"Oakland\"],\"minBedrooms\":5}");
        String paused = lead(token(), "Paused");
        String pausedSearch = search(token(), paused, "{\"name\":\"Paused\",\"cities\":[\"Oakland\"]}");
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Paused\",\"cities\":[\"Oakland\"],\"active\":false}")
                .put("/api/v1/saved-searches/" + pausedSearch).then().statusCode(200);
        String removed = lead(token(), "Removed");
        String removedSearch = search(token(), removed, "{\"name\":\"Removed\",\"cities\":[\"Oakland\"]}");
        given().auth().oauth2(token()).header("If-Match", "\"1\"")
                .delete("/api/v1/saved-searches/" + removedSearch).then().statusCode(204);
        String deletedLead = lead(token(), "DeletedLead");
        search(token(), deletedLead, "{\"name\":\"Gone\",\"cities\":[\"Oakland\"]}");
        // the lead deletion endpoint belongs to another part of the issue: the row is marked directly
        TestDirectory.DB.execute("UPDATE lead SET deleted_at = now() WHERE id = ?::uuid", deletedLead);
        // a pending-only search does not hear about an Active listing
        String pending = lead(token(), "Pending");
        search(token(), pending, "{\"name\":\"Pending\",\"cities\":[\"Oakland\"],\"standardStatuses\":[\"Pending\"]}");
        // another tenant's lead with the same criteria
        String stranger = lead(TestTokens.token(OTHER_TENANT, OTHER_TENANT_AGENT, null, "agent"), "Stranger");
        search(TestTokens.token(OTHER_TENANT, OTHER_TENANT_AGENT, null, "agent"), stranger,
                "{\"name\":\"Elsewhere\",\"cities\":[\"Oakland\"]}");

        String listingKey = "SS-" + UUID.randomUUID();
        // a new listing (ZIP+4 also matches the 5-digit ZIP search), delivered twice under one event id
        UUID created = UUID.randomUUID();
        PropertyUpdated newListing = listing(listingKey, TENANT, "created", 650000, null).build();
        publish(listingKey, created, newListing);
        publish(listingKey, created, newListing);
        // the provider sends the listing as created again (a re-sync): another event, same lead/listing/price
        publish(listingKey, UUID.randomUUID(), listing(listingKey, TENANT, "created", 650000, null).build());
        // a price increase and a change without a price: nothing
        UUID increase = publish(listingKey, UUID.randomUUID(), listing(listingKey, TENANT, "updated", 680000, 650000).build());
        publish(listingKey, UUID.randomUUID(), listing(listingKey, TENANT, "updated", 680000, 680000).build());
        // a price drop: announced
        UUID drop = publish(listingKey, UUID.randomUUID(), listing(listingKey, TENANT, "updated", 620000, 680000).build());
        // the same drop reported again by another event: nothing more
        UUID sameDrop = publish(listingKey, UUID.randomUUID(), listing(listingKey, TENANT, "updated", 620000, 680000).build());

        awaitConsumed(sameDrop);
        assertThat(consumed(created)).isEqualTo(1);
        assertThat(consumed(increase)).isEqualTo(1);
        assertThat(listingMatches(buyer, listingKey)).isEqualTo(2);
        for (String quiet : List.of(tooSmall, paused, removed, deletedLead, pending, stranger)) {
            assertThat(listingMatches(quiet, listingKey)).as("listing-match activities of %s", quiet).isZero();
        }
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM listing_match WHERE listing_key = ? AND lead_id = ?::uuid",
                listingKey, buyer)).isEqualTo(2);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM listing_match m JOIN activity a ON a.id = m.activity_id "
                + "WHERE m.listing_key = ? AND m.saved_search_id = ?::uuid AND a.event_id = m.event_id", listingKey, oakland))
                .isEqualTo(2);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM listing_match WHERE saved_search_id = ?::uuid", zip)).isZero();
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'listing-match' "
                + "AND actor_id = 'lead-service' AND summary LIKE 'Price drop for \"Oakland 3bd\": 123 Main St%now $620,000 (was $680,000)'",
                buyer)).isEqualTo(1);
        assertThat(outboxListingMatches(buyer, listingKey)).isEqualTo(2);

        CapturedEvent announced = awaitActivity(buyer, listingKey, "new-listing");
        KafkaEvents.assertCloudEvent(announced, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(announced);
        assertThat(announced.key()).isEqualTo(buyer);
        assertThat(announced.value().get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(announced.value().get("savedSearchId").asText()).isEqualTo(oakland);
        assertThat(announced.value().get("listPrice").decimalValue()).isEqualByComparingTo("650000");
        // a new listing has no previous price: the nullable field is written as null (the typed payloads' rule)
        assertThat(announced.value().get("previousListPrice").isNull()).isTrue();
        assertThat(announced.value().get("details").get("providerId").asText()).isEqualTo(PROVIDER);
        assertThat(announced.value().get("details").get("savedSearchName").asText()).isEqualTo("Oakland 3bd");

        CapturedEvent dropped = awaitActivity(buyer, listingKey, "price-drop");
        KafkaEvents.assertCloudEvent(dropped, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(dropped);
        assertThat(dropped.value().get("listPrice").decimalValue()).isEqualByComparingTo("620000");
        assertThat(dropped.value().get("previousListPrice").decimalValue()).isEqualByComparingTo("680000");
        assertThat(drop).isNotEqualTo(sameDrop);

        // a listing that fits no search, and another tenant's listing in the same city: consumed, nothing recorded
        String berkeley = "SS-" + UUID.randomUUID();
        PropertyUpdated elsewhere = listing(berkeley, TENANT, "created", 650000, null)
                .withCity("Berkeley").withPostalCode("94705").build();
        UUID noMatch = publish(berkeley, UUID.randomUUID(), elsewhere);
        String foreign = "SS-" + UUID.randomUUID();
        UUID otherTenant = publish(foreign, UUID.randomUUID(), listing(foreign, "searches-realty-9", "created", 650000, null).build());
        awaitConsumed(noMatch);
        awaitConsumed(otherTenant);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM listing_match WHERE listing_key IN (?, ?)", berkeley, foreign))
                .isZero();
    }

    @Test
    void listingsMissingAValueDoNotSatisfyABoundOnIt() {
        String buyer = lead(token(), "Sparse");
        search(token(), buyer, "{\"name\":\"Sparse\",\"postalCodes\":[\"94619\"],\"minBedrooms\":2}");
        String anywhere = lead(token(), "Anywhere");
        String anyListing = search(token(), anywhere, "{\"name\":\"Anywhere cheap\",\"maxPrice\":1000000,\"propertyTypes\":[\"Land\"]}");

        // no bedroom count: the bedroom bound is not met; Land in an unknown place matches the search without location
        String listingKey = "SS-" + UUID.randomUUID();
        PropertyUpdated land = listing(listingKey, TENANT, "created", 90000.5, null)
                .withPropertyType(PropertyUpdated.PropertyType.LAND).withPostalCode("94619").withBedroomsTotal(null)
                .withCity(null).withUnparsedAddress(null).build();
        UUID event = publish(listingKey, UUID.randomUUID(), land);
        awaitConsumed(event);
        assertThat(listingMatches(buyer, listingKey)).isZero();
        assertThat(listingMatches(anywhere, listingKey)).isEqualTo(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'listing-match' "
                + "AND summary = 'New listing for \"Anywhere cheap\": a listing in 94619 at $90,000.5'", anywhere)).isEqualTo(1);
        CapturedEvent announced = awaitActivity(anywhere, listingKey, "new-listing");
        KafkaEvents.assertSchemaValid(announced);
        assertThat(announced.value().get("savedSearchId").asText()).isEqualTo(anyListing);

        // a listing without a price matches a search without a price bound, once
        String unpriced = "SS-" + UUID.randomUUID();
        PropertyUpdated noPrice = listing(unpriced, TENANT, "created", 1, null)
                .withListPrice(null).withPostalCode("94619").withBedroomsTotal(2L).withUnparsedAddress(null)
                .withCity(null).withListingId("40099").build();
        publish(unpriced, UUID.randomUUID(), noPrice);
        UUID again = publish(unpriced, UUID.randomUUID(), noPrice);
        awaitConsumed(again);
        assertThat(listingMatches(buyer, unpriced)).isEqualTo(1);
        assertThat(listingMatches(anywhere, unpriced)).isZero();
    }

    @Test
    void anUnpublishableOrBrokenEventChangesNothing() {
        String buyer = lead(token(), "LongKey");
        search(token(), buyer, "{\"name\":\"Long\",\"cities\":[\"Oakland\"]}");
        // property.updated allows 255 characters, lead.activity-recorded 128: the listing is skipped, not dead-lettered
        String longKey = "SS-" + "k".repeat(200);
        UUID event = publish(longKey, UUID.randomUUID(), listing(longKey, TENANT, "created", 650000, null).build());
        awaitConsumed(event);
        assertThat(listingMatches(buyer, longKey)).isZero();

        // a payload breaking the contract (no ListingKey) goes to the dead-letter topic
        ObjectNode broken = (ObjectNode) EventJson.toJson(listing("SS-broken", TENANT, "created", 650000, null).build());
        broken.remove("ListingKey");
        UUID brokenId = UUID.randomUUID();
        KafkaEvents.publish("property.updated", "SS-broken", brokenId, "/property-sync-service", TENANT, broken);
        CapturedEvent dead = KafkaEvents.awaitEvent("lead-service.dlq", e -> brokenId.toString().equals(e.header("ce_id")));
        assertThat(dead.header("dead-letter-topic")).isEqualTo("property.updated");
        assertThat(consumed(brokenId)).isZero();
    }

    static String lead(String token, String lastName) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"" + lastName + "\",\"source\":\"zillow\",\"type\":\"buyer\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    static String search(String token, String leadId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(201).extract().path("id");
    }

    /** A property.updated payload as property-sync-service publishes it (valid against the contract). */
    static PropertyUpdated.PropertyUpdatedBuilderBase<? extends PropertyUpdated> listing(String key, String tenant,
            String changeType, Number price, Number previousPrice) {
        return PropertyUpdated.builder()
                .withListingKey(key)
                .withTenantId(tenant)
                .withVersion(1L)
                .withOccurredAt(Instant.now())
                .withProviderId(PROVIDER)
                .withChangeType(PropertyUpdated.ChangeType.fromValue(changeType))
                .withChangedFields("created".equals(changeType) ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of("ListPrice")))
                .withPreviousListPrice(previousPrice == null ? null : new BigDecimal(previousPrice.toString()))
                .withListingId("40012345")
                .withListPrice(new BigDecimal(price.toString()))
                .withStandardStatus(StandardStatus.ACTIVE)
                .withPropertyType(PropertyUpdated.PropertyType.RESIDENTIAL)
                .withUnparsedAddress("123 Main St, Oakland, CA 94610")
                .withCity("Oakland")
                .withStateOrProvince("CA")
                .withPostalCode("94610-1234")
                .withBedroomsTotal(3L)
                .withBathroomsTotalInteger(2L)
                .withModificationTimestamp(Instant.now());
    }

    static UUID publish(String key, UUID eventId, PropertyUpdated payload) {
        KafkaEvents.publish(key, eventId, "/property-sync-service", payload);
        return eventId;
    }

    static void awaitConsumed(UUID eventId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(eventId) == 1);
    }

    static long consumed(UUID eventId) {
        return TestDirectory.DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid AND handler = 'saved-search-matches'",
                eventId.toString());
    }

    static long listingMatches(String leadId, String listingKey) {
        return TestDirectory.DB.count("SELECT count(*) FROM activity a JOIN listing_match m ON m.activity_id = a.id "
                + "WHERE a.lead_id = ?::uuid AND a.kind = 'listing-match' AND m.listing_key = ?", leadId, listingKey);
    }

    static long outboxListingMatches(String leadId, String listingKey) {
        return TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE type = 'lead.activity-recorded' "
                + "AND payload->>'leadId' = ? AND payload->>'listingKey' = ?", leadId, listingKey);
    }

    static CapturedEvent awaitActivity(String leadId, String listingKey, String reason) {
        return KafkaEvents.awaitEvent("lead.activity-recorded", e -> e.value() != null
                && leadId.equals(e.value().path("leadId").asText())
                && listingKey.equals(e.value().path("listingKey").asText())
                && reason.equals(e.value().path("matchReason").asText()));
    }
}
