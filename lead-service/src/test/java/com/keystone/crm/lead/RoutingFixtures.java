package com.keystone.crm.lead;

import com.keystone.crm.platform.testkit.TestTokens;
import io.restassured.http.ContentType;

import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Routing set-up through the real API: groups, rules, leads, pauses, for one tenant (with its admin). */
public final class RoutingFixtures {
    private final String tenant;
    private final String admin;

    public RoutingFixtures(String tenant, String adminUserId) {
        this.tenant = tenant;
        this.admin = adminUserId;
        TestDirectory.ensureUser(tenant, adminUserId, null, "admin");
    }

    public String adminToken() {
        return TestTokens.token(tenant, admin, null, "admin");
    }

    public String token(String userId, String team, String... roles) {
        return TestTokens.token(tenant, userId, team, roles);
    }

    /** A group; members as "userId" or "userId:weight". Returns its id. */
    public String group(String name, String strategy, String... members) {
        String list = List.of(members).stream().map(m -> {
            String[] p = m.split(":");
            return p.length == 1 ? "{\"userId\":\"" + p[0] + "\"}"
                    : "{\"userId\":\"" + p[0] + "\",\"weight\":" + p[1] + "}";
        }).collect(Collectors.joining(","));
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"strategy\":\"" + strategy + "\",\"members\":[" + list + "]}")
                .post("/api/v1/agent-groups").then().statusCode(201).extract().path("id");
    }

    /** A rule with the given criteria JSON (may be null) and target JSON fragment such as "agentId":"x". */
    public String rule(String name, String criteriaJson, String targetJson) {
        String body = "{\"name\":\"" + name + "\"" + (criteriaJson == null ? "" : ",\"criteria\":" + criteriaJson)
                + "," + targetJson + "}";
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/routing-rules").then().statusCode(201).extract().path("id");
    }

    /** The catch-all rule's id (created on first use). */
    public String catchAllId() {
        return given().auth().oauth2(adminToken()).queryParam("limit", 200).get("/api/v1/routing-rules")
                .then().statusCode(200).extract().path("items.find { it.catchAll }.id");
    }

    /** Points the catch-all at a target JSON fragment ("agentId":"x" / "groupId":"..."), or at nobody when null. */
    public void pointCatchAll(String targetJson) {
        String id = catchAllId();
        String etag = given().auth().oauth2(adminToken()).get("/api/v1/routing-rules/" + id)
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Catch-all\"" + (targetJson == null ? "" : "," + targetJson) + "}")
                .put("/api/v1/routing-rules/" + id).then().statusCode(200);
    }

    /** A lead an admin creates without an assignee, so routing decides. Returns its id. */
    public String lead(String lastName, String source, String type) {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"lastName\":\"" + lastName + "\",\"source\":\"" + source + "\""
                        + (type == null ? "" : ",\"type\":\"" + type + "\"") + "}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    public String assignee(String leadId) {
        return given().auth().oauth2(adminToken()).get("/api/v1/leads/" + leadId)
                .then().statusCode(200).extract().path("assignedAgentId");
    }

    public void pause(String userId, boolean paused) {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"paused\":" + paused + "}")
                .put("/api/v1/agents/" + userId + "/availability").then().statusCode(200);
    }
}
