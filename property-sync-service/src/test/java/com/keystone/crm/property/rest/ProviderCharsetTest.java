package com.keystone.crm.property.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.keystone.crm.property.PropertySyncTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A RETS provider's charset (issue #11 item 7): kept, shown, and a name Java cannot decode refused with 422. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class ProviderCharsetTest {

    @Test
    void aProvidersCharsetIsKeptAndAnUnknownOneIsRefused() {
        String id = given().auth().oauth2(ProviderResourceTest.admin()).contentType(ContentType.JSON)
                .body(ProviderResourceTest.body("Latin MLS " + UUID.randomUUID(), ",\"charset\":\"windows-1252\""))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(201).body("charset", equalTo("windows-1252")).extract().path("id");
        given().auth().oauth2(ProviderResourceTest.admin()).when().get("/api/v1/mls/providers/" + id)
                .then().statusCode(200).body("charset", equalTo("windows-1252"));
        given().auth().oauth2(ProviderResourceTest.admin()).contentType(ContentType.JSON)
                .body(ProviderResourceTest.body("Default MLS " + UUID.randomUUID(), ""))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(201).body("charset", nullValue());
        given().auth().oauth2(ProviderResourceTest.admin()).contentType(ContentType.JSON)
                .body(ProviderResourceTest.body("Odd MLS " + UUID.randomUUID(), ",\"charset\":\"klingon-8\""))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(422).contentType(ProviderResourceTest.PROBLEM)
                .body("errors.field", hasItem("charset"));
    }
}
