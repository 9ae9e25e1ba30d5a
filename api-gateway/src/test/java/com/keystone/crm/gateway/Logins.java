package com.keystone.crm.gateway;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Logs users in and creates them through the admin API. */
public final class Logins {
    public static final String PASSWORD = "a long enough passphrase";

    private Logins() {
    }

    public static JsonPath login(String email, String password) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/auth/login").then().statusCode(200).extract().jsonPath();
    }

    public static String adminToken() {
        return login(GatewayTestResource.ADMIN_EMAIL, GatewayTestResource.ADMIN_PASSWORD).getString("accessToken");
    }

    /** A new user of the admin's tenant; returns its id. */
    public static String createUser(String adminToken, String email, String teamId, String... roles) {
        String team = teamId == null ? "null" : "\"" + teamId + "\"";
        String roleList = String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList());
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[" + roleList + "],\"teamId\":" + team
                        + ",\"displayName\":\"Test User\"}")
                .post("/api/v1/admin/users").then().statusCode(201).extract().path("id");
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme-realty.test";
    }
}
