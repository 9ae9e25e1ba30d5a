package com.keystone.crm.systemtest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

/**
 * A dry run through the gateway shows when a follow-up's messages would really go out: workflow-service asks
 * notification-service (quiet hours are its rule) with the caller's token. A marketing text planned for 22:30 in New
 * York on the night the clocks go back goes at 08:00 EST; an email planned for the same moment goes at once.
 */
class DryRunIT {
    static final String DEFINITION = """
            {"name": "Evening follow-up", "trigger": {"type": "manual"}, "start": "text",
             "steps": [
               {"id": "text", "type": "send", "channel": "sms", "templateKey": "dry.text", "next": "mail"},
               {"id": "mail", "type": "send", "channel": "email", "templateKey": "dry.mail"}]}""";

    static Gateway gateway;

    @BeforeAll
    static void system() {
        gateway = Brokerage.get().gateway;
    }

    @Test
    void aMarketingTextPlannedAtNightIsShownAtEightInTheLeadsMorning() {
        String body = "{\"definition\": " + DEFINITION + ", \"enrollAt\": \"2026-11-01T02:30:00Z\","
                + " \"lead\": {\"status\": \"new\", \"timeZone\": \"America/New_York\"}}";
        gateway.admin().contentType("application/json").body(body).post("/api/v1/workflows/simulate").then()
                .statusCode(200)
                .body("quietHours", equalTo("applied"))
                .body("timeline[0].stepId", equalTo("text")).body("timeline[0].at", equalTo("2026-11-01T02:30:00Z"))
                .body("timeline[0].sendAt", equalTo("2026-11-01T13:00:00Z")).body("timeline[0].heldFor", equalTo("quiet-hours"))
                .body("timeline[1].stepId", equalTo("mail")).body("timeline[1].sendAt", equalTo("2026-11-01T02:30:00Z"));
    }
}
