package com.keystone.crm.workflow.definition;

import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.agent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Definitions over HTTP: drafts, ETags, publishing, and every way a definition or a request can be wrong. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class WorkflowResourceTest {
    static final String TENANT = "defs-realty-1";
    static final String VALID = """
            {"name": "Welcome", "trigger": {"type": "lead.created", "filter": "source == 'zillow' && score >= 0.0"},
             "start": "hello",
             "steps": [
               {"id": "hello", "type": "send", "channel": "sms", "to": "lead", "templateKey": "welcome.sms", "next": "check"},
               {"id": "check", "type": "branch",
                "branches": [{"when": "'vip' in tags || fields.budgetMax > 500000", "next": "vip"}], "otherwise": "nurture"},
               {"id": "vip", "type": "task", "title": "Call the VIP", "priority": "urgent", "dueIn": "PT15M"},
               {"id": "nurture", "type": "waitFor", "event": {"type": "reply"}, "timeout": "P3D", "next": "thanks", "timeoutNext": "tag"},
               {"id": "thanks", "type": "goal"},
               {"id": "tag", "type": "update", "addTags": ["cold-welcome"]}
             ]}""";

    static Response create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/workflows");
    }

    @Test
    void aDraftIsCreatedEditedWithIfMatchAndPublishedAsFrozenVersions() {
        String token = admin(TENANT);
        Response created = create(token, VALID);
        created.then().statusCode(201).header("ETag", notNullValue()).header("Location", containsString("/api/v1/workflows/"))
                .body("name", equalTo("Welcome")).body("publishedVersion", nullValue()).body("draft.start", equalTo("hello"));
        String id = created.path("id");
        String etag = created.header("ETag");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(VALID.replace("Welcome", "Welcome 2"))
                .put("/api/v1/workflows/" + id + "/draft").then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"41\"").body(VALID)
                .put("/api/v1/workflows/" + id + "/draft").then().statusCode(412);
        String edited = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                .body(VALID.replace("Welcome", "Welcome 2")).put("/api/v1/workflows/" + id + "/draft")
                .then().statusCode(200).body("name", equalTo("Welcome 2")).extract().header("ETag");
        given().auth().oauth2(token).header("If-Match", etag).post("/api/v1/workflows/" + id + "/publish").then().statusCode(412);
        String published = given().auth().oauth2(token).header("If-Match", edited).post("/api/v1/workflows/" + id + "/publish")
                .then().statusCode(200).body("publishedVersion", equalTo(1)).body("triggerType", equalTo("lead.created"))
                .extract().header("ETag");
        given().auth().oauth2(token).get("/api/v1/workflows/" + id + "/versions/1").then().statusCode(200)
                .body("definition.name", equalTo("Welcome 2")).body("version", equalTo(1));
        given().auth().oauth2(token).get("/api/v1/workflows/" + id + "/versions/2").then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/workflows/" + id + "/versions/x").then().statusCode(404);
        given().auth().oauth2(token).header("If-Match", published).post("/api/v1/workflows/" + id + "/pause")
                .then().statusCode(200).body("status", equalTo("paused"));
        given().auth().oauth2(token).get("/api/v1/workflows/" + id).then().statusCode(200).body("status", equalTo("paused"));
        String paused = given().auth().oauth2(token).get("/api/v1/workflows/" + id).header("ETag");
        given().auth().oauth2(token).header("If-Match", paused).post("/api/v1/workflows/" + id + "/resume")
                .then().statusCode(200).body("status", equalTo("active"));

        // agents read but do not change workflows; another tenant does not see it at all
        String agentToken = agent(TENANT, "agent-defs");
        given().auth().oauth2(agentToken).get("/api/v1/workflows/" + id).then().statusCode(200);
        create(agentToken, VALID).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin("defs-other-tenant")).get("/api/v1/workflows/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin("defs-other-tenant")).header("If-Match", "*").post("/api/v1/workflows/" + id + "/publish")
                .then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/workflows/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/workflows/1-1-1-1-1").then().statusCode(404);
    }

    @Test
    void listsArePagedWithCursors() {
        String token = admin("defs-list-1");
        for (int i = 0; i < 3; i++) {
            create(token, VALID.replace("Welcome", "W" + i)).then().statusCode(201);
        }
        String next = given().auth().oauth2(token).get("/api/v1/workflows?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].name", equalTo("W2")).extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", "2").queryParam("cursor", next).get("/api/v1/workflows")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        given().auth().oauth2(token).get("/api/v1/workflows?cursor=forged").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().auth().oauth2(token).get("/api/v1/workflows?limit=100000").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void aBadConditionIsA422NamingTheField() {
        create(admin(TENANT), VALID.replace("'vip' in tags", "'vip' in tagz")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("steps[1].branches[0].when"));
        create(admin(TENANT), VALID.replace("source == 'zillow' && score >= 0.0", "score + 1")).then().statusCode(422)
                .body("errors.field", hasItem("trigger.filter"));
    }

    @Test
    void anUnknownStepReferenceIsA422NamingTheField() {
        create(admin(TENANT), VALID.replace("\"timeoutNext\": \"tag\"", "\"timeoutNext\": \"nowhere\"")).then().statusCode(422)
                .body("errors.field", hasItem("steps[3].timeoutNext"));
        create(admin(TENANT), VALID.replace("\"start\": \"hello\"", "\"start\": \"nowhere\"")).then().statusCode(422)
                .body("errors.field", hasItem("start"));
    }

    @Test
    void aCycleIsA422NamingTheClosingEdge() {
        String cyclic = VALID.replace("{\"id\": \"tag\", \"type\": \"update\", \"addTags\": [\"cold-welcome\"]}",
                "{\"id\": \"tag\", \"type\": \"update\", \"addTags\": [\"cold-welcome\"], \"next\": \"hello\"}");
        create(admin(TENANT), cyclic).then().statusCode(422).body("errors.field", hasItem("steps[5].next"))
                .body("errors.message", hasItem(containsString("cycle")));
        create(admin(TENANT), VALID.replace("\"next\": \"check\"", "\"next\": \"hello\"")).then().statusCode(422)
                .body("errors.field", hasItem("steps[0].next"));
    }

    @Test
    void schemaViolationsNameTheField() {
        create(admin(TENANT), VALID.replace("\"templateKey\": \"welcome.sms\", ", "")).then().statusCode(422)
                .body("errors.field", hasItem("steps[0].templateKey"));
        create(admin(TENANT), VALID.replace("\"channel\": \"sms\"", "\"channel\": \"fax\"")).then().statusCode(422)
                .body("errors.field", hasItem("steps[0].channel"));
        create(admin(TENANT), VALID.replace("\"dueIn\": \"PT15M\"", "\"dueIn\": \"P99999999D\"")).then().statusCode(422)
                .body("errors.field", hasItem("steps[2].dueIn"));
        create(admin(TENANT), VALID.replace("\"id\": \"hello\",", "\"id\": \"hello\", \"bogus\": 1,")).then().statusCode(422);
        create(admin(TENANT), VALID.replace("\"id\": \"vip\"", "\"id\": \"check\"")).then().statusCode(422)
                .body("errors.field", hasItem("steps[2].id"));
        create(admin(TENANT), "{\"name\": \"x\"}").then().statusCode(422).body("errors.field", hasItem("trigger"));
    }

    @Test
    void hostileBodiesAreProblemsNeverA500() {
        String token = admin(TENANT);
        // duplicate keys
        create(token, VALID.replace("\"name\": \"Welcome\",", "\"name\": \"Welcome\", \"name\": \"Evil\","))
                .then().statusCode(400).contentType("application/problem+json");
        // an escaped control character
        create(token, VALID.replace("\"name\": \"Welcome\"", "\"name\": \"Wel\\u0000come\"")).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        // not JSON, not an object, trailing garbage, empty
        create(token, "{\"name\": ").then().statusCode(400).contentType("application/problem+json");
        create(token, "[1, 2]").then().statusCode(400);
        create(token, VALID + " {}").then().statusCode(400);
        create(token, "").then().statusCode(400);
        // a huge number
        create(token, VALID.replace("\"dueIn\": \"PT15M\"", "\"dueIn\": \"PT15M\", \"x\": 1e999999")).then().statusCode(422);
        // the wrong content type
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(VALID).post("/api/v1/workflows")
                .then().statusCode(415).contentType("application/problem+json");
        // no token
        given().contentType(ContentType.JSON).body(VALID).post("/api/v1/workflows").then().statusCode(401);
    }

    @Test
    void theSchemaIsServedAndPartOfTheOpenApiDocument() {
        given().auth().oauth2(admin(TENANT)).get("/api/v1/workflows/schema").then().statusCode(200)
                .body("title", equalTo("WorkflowDefinition")).body("required", hasItem("steps"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.WorkflowDefinition.required", hasItem("steps"))
                .body("paths.'/api/v1/workflows'.post", notNullValue());
    }

    @Test
    void anIdempotencyKeyCreatesOnce() {
        String token = admin("defs-idem-1");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/v1/workflows").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/v1/workflows").then().statusCode(201).body("id", equalTo(first));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(VALID.replace("Welcome", "Other")).post("/api/v1/workflows").then().statusCode(422);
    }
}
