package com.keystone.crm.lead;

import com.keystone.crm.platform.testkit.TestTokens;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Shared set-up of the notes, tasks and timeline tests: leads made through the API like the app makes them. */
public final class TaskFixtures {
    private TaskFixtures() {
    }

    /** A token of a user provisioned through user.created (TestDirectory.ensureUser). */
    public static String token(String tenant, String userId, String team, String role) {
        TestDirectory.ensureUser(tenant, userId, team, role);
        return TestTokens.token(tenant, userId, team, role);
    }

    /** A lead the caller creates (an agent's is assigned to them); its id. */
    public static String lead(String token, String lastName) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"" + lastName + "\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    public static long count(String sql, Object... params) {
        return TestDirectory.DB.count(sql, params);
    }
}
