package com.keystone.crm.notification.consent;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** When planned messages would really go out: quiet hours as the delivery worker applies them, nothing written. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SendTimesResourceTest {
    static final String PATH = "/api/v1/notifications/send-times";

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // dates of the current year: the service takes times up to a year either side of now, so fixed dates expire
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear();

    static String agent() {
        return TestTokens.token("acme", "agent-1", "team-1", "agent");
    }

    static String item(String channel, String category, String phone, String timezone, String at) {
        return "{\"channel\": \"" + channel + "\", \"category\": \"" + category + "\""
                + (phone == null ? "" : ", \"phone\": \"" + phone + "\"")
                + (timezone == null ? "" : ", \"timezone\": \"" + timezone + "\"") + ", \"at\": \"" + at + "\"}";
    }

    @Test
    void aMarketingTextAtNightGoesAtEightLocalAndTheRestAtOnce() {
        // 22:30 in New York on the night the clocks go back: 08:00 EST is 13:00 UTC
        // the first transition after July is the autumn one
        Instant fallBack = NEW_YORK.getRules()
                .nextTransition(LocalDate.of(YEAR, 7, 1).atStartOfDay(ZoneOffset.UTC).toInstant()).getInstant();
        String night = fallBack.minus(Duration.ofMinutes(210)).toString();
        String eightAm = fallBack.atZone(NEW_YORK).toLocalDate().atTime(8, 0).atZone(NEW_YORK).toInstant().toString();
        given().auth().oauth2(agent()).contentType("application/json")
                .body("{\"items\": [" + item("sms", "marketing", "+19175550100", null, night) + ", "
                        + item("sms", "transactional", "+19175550100", null, night) + ", "
                        + item("email", "marketing", null, null, night) + ", "
                        + item("push", "marketing", null, "America/Los_Angeles", night) + "]}")
                .post(PATH).then().statusCode(200)
                .body("items[0].at", equalTo(night))
                .body("items[0].sendAt", equalTo(eightAm))
                .body("items[0].heldFor", equalTo("quiet-hours"))
                .body("items[1].sendAt", equalTo(night)).body("items[1].heldFor", nullValue())
                .body("items[2].sendAt", equalTo(night)).body("items[2].heldFor", nullValue())
                // 19:30 in Los Angeles: inside the window
                .body("items[3].sendAt", equalTo(night)).body("items[3].heldFor", nullValue());
    }

    @Test
    void aMessageNamingItsLeadIsPlacedByTheLeadsContact() {
        String tenant = "send-times-" + UUID.randomUUID().toString().substring(0, 8);
        UUID leadId = UUID.randomUUID();
        // a Chicago zone on the lead, a Washington number: the lead's own zone decides, as at send time
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withStatus(LeadStatus.NEW).withSource("zillow").withCreatedBy("ingestion").withFirstName("Dana")
                .withLastName("Doe").withPhones(List.of("+12025550123")).withTimezone("America/Chicago").build());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "SELECT count(*) FROM contact WHERE tenant_id = ? AND ref_id = ?", tenant, leadId.toString()) == 1);
        // 21:30 in Chicago (CST, a night in January): held to 08:00 the next morning, 14:00 UTC
        LocalDate day = LocalDate.of(YEAR, 1, 10);
        String evening = day.atTime(3, 30).toInstant(ZoneOffset.UTC).toString();
        given().auth().oauth2(TestTokens.token(tenant, "agent-1", "team-1", "agent")).contentType("application/json")
                .body("{\"items\": [{\"channel\": \"sms\", \"category\": \"marketing\", \"leadId\": \"" + leadId
                        + "\", \"at\": \"" + evening + "\"}]}")
                .post(PATH).then().statusCode(200)
                .body("items[0].sendAt", equalTo(day.atTime(14, 0).toInstant(ZoneOffset.UTC).toString()))
                .body("items[0].heldFor", equalTo("quiet-hours"));
    }

    @Test
    void badQuestionsAreProblemsNamingTheField() {
        String at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        given().auth().oauth2(agent()).contentType("application/json")
                .body("{\"items\": [" + item("fax", "marketing", null, null, at) + "]}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].channel"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body("{\"items\": [" + item("sms", "marketing", "+19175550100", "Mars/Base", at) + "]}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].timezone"));
        given().auth().oauth2(agent()).contentType("application/json")
                .body("{\"items\": [" + item("sms", "marketing", "+19175550100", null, "9999-01-01T00:00:00Z") + "]}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].at"));
        String many = String.join(", ", Collections.nCopies(101, item("email", "marketing", null, null, at)));
        given().auth().oauth2(agent()).contentType("application/json").body("{\"items\": [" + many + "]}")
                .post(PATH).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent()).contentType("text/plain").body("items")
                .post(PATH).then().statusCode(415);
        given().contentType("application/json").body("{\"items\": [" + item("email", "marketing", null, null, at) + "]}")
                .post(PATH).then().statusCode(401);
    }
}
