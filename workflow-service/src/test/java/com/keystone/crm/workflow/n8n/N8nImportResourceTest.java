package com.keystone.crm.workflow.n8n;

import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.agent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** n8n exports in n8n's own format (nodes with type/typeVersion/parameters, connections keyed by node name). */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class N8nImportResourceTest {
    static final String NEW_LEAD_FLOW = """
            {"name": "New lead follow-up", "active": true,
             "nodes": [
               {"id": "1", "name": "Webhook", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, 0],
                "parameters": {"path": "new-lead", "httpMethod": "POST"}},
               {"id": "2", "name": "Is new?", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [200, 0],
                "parameters": {"conditions": {"combinator": "and", "conditions": [
                  {"leftValue": "={{ $json.status }}", "rightValue": "new", "operator": {"type": "string", "operation": "equals"}}]}}},
               {"id": "3", "name": "Text lead", "type": "n8n-nodes-base.twilio", "typeVersion": 1, "position": [400, 0],
                "parameters": {"from": "+15550001111", "to": "={{ $json.phone }}", "message": "Hi {{ $json.firstName }}, thanks for reaching out!"}},
               {"id": "4", "name": "Wait 2 days", "type": "n8n-nodes-base.wait", "typeVersion": 1, "position": [600, 0],
                "parameters": {"resume": "timeInterval", "amount": 2, "unit": "days"}},
               {"id": "5", "name": "Send Email", "type": "n8n-nodes-base.emailSend", "typeVersion": 2, "position": [800, 0],
                "parameters": {"fromEmail": "agent@example.com", "toEmail": "={{ $json.email }}", "subject": "Homes for you", "text": "Here are some listings"}},
               {"id": "6", "name": "Mark contacted", "type": "n8n-nodes-base.set", "typeVersion": 3, "position": [1000, 0],
                "parameters": {"assignments": {"assignments": [{"id": "a", "name": "status", "value": "attempted-contact", "type": "string"}]}}},
               {"id": "7", "name": "Log to CRM", "type": "n8n-nodes-base.httpRequest", "typeVersion": 4, "position": [400, 200],
                "parameters": {"url": "https://crm.example/api/log", "method": "POST"}},
               {"id": "8", "name": "Do nothing", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": [600, 200], "parameters": {}},
               {"id": "9", "name": "Old lead", "type": "n8n-nodes-base.emailSend", "typeVersion": 2, "position": [800, 200],
                "parameters": {"subject": "Still looking?", "text": "Checking in"}}
             ],
             "connections": {
               "Webhook": {"main": [[{"node": "Is new?", "type": "main", "index": 0}]]},
               "Is new?": {"main": [[{"node": "Text lead", "type": "main", "index": 0}], [{"node": "Log to CRM", "type": "main", "index": 0}]]},
               "Text lead": {"main": [[{"node": "Wait 2 days", "type": "main", "index": 0}]]},
               "Wait 2 days": {"main": [[{"node": "Send Email", "type": "main", "index": 0}]]},
               "Send Email": {"main": [[{"node": "Mark contacted", "type": "main", "index": 0}]]},
               "Log to CRM": {"main": [[{"node": "Do nothing", "type": "main", "index": 0}]]},
               "Do nothing": {"main": [[{"node": "Old lead", "type": "main", "index": 0}]]}
             },
             "settings": {"executionOrder": "v1"}}""";

    static final String SCHEDULED_SWITCH = """
            {"name": "Nightly tier routing",
             "nodes": [
               {"id": "1", "name": "Every night", "type": "n8n-nodes-base.scheduleTrigger", "typeVersion": 1.2, "position": [0, 0],
                "parameters": {"rule": {"interval": [{"field": "days"}]}}},
               {"id": "2", "name": "By tier", "type": "n8n-nodes-base.switch", "typeVersion": 1, "position": [200, 0],
                "parameters": {"dataType": "string", "value1": "={{$json[\\"tier\\"]}}",
                  "rules": {"rules": [{"operation": "equal", "value2": "hot", "output": 0}, {"operation": "regex", "value2": "co.*", "output": 1}]}}},
               {"id": "3", "name": "Hot text", "type": "n8n-nodes-base.twilio", "typeVersion": 1, "position": [400, 0],
                "parameters": {"message": "A new home matches!"}},
               {"id": "4", "name": "Slack", "type": "n8n-nodes-base.slack", "typeVersion": 2, "position": [400, 200],
                "parameters": {"channel": "#leads"}},
               {"id": "5", "name": "Cool email", "type": "n8n-nodes-base.emailSend", "typeVersion": 2, "position": [600, 200],
                "parameters": {"subject": "New listings"}}
             ],
             "connections": {
               "Every night": {"main": [[{"node": "By tier", "type": "main", "index": 0}]]},
               "By tier": {"main": [[{"node": "Hot text", "type": "main", "index": 0}], [{"node": "Slack", "type": "main", "index": 0}]]},
               "Slack": {"main": [[{"node": "Cool email", "type": "main", "index": 0}]]}
             }}""";

    @Test
    void anExportBecomesADraftWithAReport() {
        given().auth().oauth2(admin("n8n-1")).contentType(ContentType.JSON).body(NEW_LEAD_FLOW)
                .post("/api/v1/workflows/import/n8n").then().statusCode(201)
                .header("Location", containsString("/api/v1/workflows/"))
                .body("workflow.publishedVersion", equalTo(null))
                .body("workflow.draft.trigger.type", equalTo("manual"))
                .body("workflow.draft.start", equalTo("is-new"))
                .body("workflow.draft.steps.find { it.id == 'is-new' }.branches[0].when", equalTo("status == 'new'"))
                .body("workflow.draft.steps.find { it.id == 'is-new' }.branches[0].next", equalTo("text-lead"))
                // the false path passes through the HTTP request and the NoOp to the next real step
                .body("workflow.draft.steps.find { it.id == 'is-new' }.otherwise", equalTo("old-lead"))
                .body("workflow.draft.steps.find { it.id == 'text-lead' }.channel", equalTo("sms"))
                .body("workflow.draft.steps.find { it.id == 'wait-2-days' }.duration", equalTo("PT172800S"))
                .body("workflow.draft.steps.find { it.id == 'send-email' }.variables.subject", equalTo("Homes for you"))
                .body("workflow.draft.steps.find { it.id == 'mark-contacted' }.status", equalTo("attempted-contact"))
                .body("report.find { it.node == 'Log to CRM' }.outcome", equalTo("unmapped"))
                .body("report.find { it.node == 'Do nothing' }.outcome", equalTo("skipped"))
                .body("report.find { it.node == 'Webhook' }.outcome", equalTo("mapped"));
    }

    @Test
    void aScheduleAndASwitchMapPartlyAndSayWhy() {
        given().auth().oauth2(admin("n8n-2")).contentType(ContentType.JSON).body(SCHEDULED_SWITCH)
                .post("/api/v1/workflows/import/n8n").then().statusCode(201)
                .body("workflow.draft.steps.find { it.id == 'by-tier' }.branches[0].when", equalTo("tier == 'hot'"))
                .body("workflow.draft.steps.find { it.id == 'by-tier' }.branches", notNullValue())
                .body("report.find { it.node == 'Every night' }.outcome", equalTo("partial"))
                .body("report.find { it.node == 'By tier' }.outcome", equalTo("partial"))
                .body("report.find { it.node == 'Slack' }.outcome", equalTo("unmapped"));
    }

    @Test
    void whatIsNotAnExportIsAProblem() {
        String token = admin("n8n-3");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"nodes\": []}")
                .post("/api/v1/workflows/import/n8n").then().statusCode(422).body("errors.field", hasItem("nodes"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"nodes\": [{\"name\": \"x\", \"type\": \"n8n-nodes-base.noOp\"}], \"connections\": {}}")
                .post("/api/v1/workflows/import/n8n").then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"nodes\": 1, \"nodes\": 2}")
                .post("/api/v1/workflows/import/n8n").then().statusCode(400);
        given().auth().oauth2(agent("n8n-3", "agent-n")).contentType(ContentType.JSON).body(NEW_LEAD_FLOW)
                .post("/api/v1/workflows/import/n8n").then().statusCode(403);
    }
}
