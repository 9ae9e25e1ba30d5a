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
        String night = "2026-11-01T02:30:00Z";
        given().auth().oauth2(agent()).contentType("application/json")
                .body("{\"items\": [" + item("sms", "marketing", "+19175550100", null, night) + ", "
                        + item("sms", "transactional", "+19175550100", null, night) + ", "
                        + item("email", "marketing", null, null, night) + ", "
                        + item("push", "marketing", null, "America/Los_Angeles", night) + "]}")
                .post(PATH).then().statusCode(200)
                .body("items[0].at", equalTo(night))
                .body("items[0].sendAt", equalTo("2026-11-01T13:00:00Z"))
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
        // 21:30 in Chicago (CST): held to 08:00 the next morning, 14:00 UTC
        String evening = "2026-12-10T03:30:00Z";
        given().auth().oauth2(TestTokens.token(tenant, "agent-1", "team-1", "agent")).contentType("application/json")
                .body("{\"items\": [{\"channel\": \"sms\", \"category\": \"marketing\", \"leadId\": \"" + leadId
                        + "\", \"at\": \"" + evening + "\"}]}")
                .post(PATH).then().statusCode(200)
                .body("items[0].sendAt", equalTo("2026-12-10T14:00:00Z")).body("items[0].heldFor", equalTo("quiet-hours"));
    }

    @Test
    void badQuestionsAreProblemsNamingTheField() {
        String at = "2026-11-01T02:30:00Z";
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
