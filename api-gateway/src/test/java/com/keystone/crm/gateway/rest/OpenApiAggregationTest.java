package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The aggregated document: the gateway's paths, each reachable service's routed paths, the down ones listed. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OpenApiAggregationTest {
    @Test
    void mergesWhatIsUpAndToleratesWhatIsDown() {
        JsonPath doc = given().get("/openapi/all").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/auth/login", "/auth/refresh", "/api/v1/admin/users", "/api/v1/echo/things");
        assertThat(paths).doesNotContainKey("/internal/secret");
        assertThat(doc.getMap("components.schemas")).containsKey("EchoThing");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("x-services.api-gateway")).isEqualTo("up");
        assertThat(doc.getString("x-services.echo-service")).isEqualTo("up");
        assertThat(doc.getString("x-services.nowhere-service")).isEqualTo("unavailable");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
