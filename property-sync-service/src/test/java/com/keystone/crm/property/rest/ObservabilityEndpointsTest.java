package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What the chassis gives this service: Prometheus metrics beside its own, readiness on PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class ObservabilityEndpointsTest {
    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metricsUrl;
    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL readyUrl;
    @io.quarkus.test.common.http.TestHTTPResource(value = "health/live", management = true)
    java.net.URL liveUrl;

    /** Issue #17: /q/metrics is on the management interface, not on the public port. */
    @Test
    void metricsAreNotOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
    }

    /** Issue #17: a NUL in ?city= or the listing key was a 500 from PostgreSQL (and opened the gateway's breaker). */
    @Test
    void controlCharactersInParametersAre400() {
        String token = TestTokens.token("observed-" + System.nanoTime(), "agent-1", null, "agent");
        given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/v1/properties?city=%00").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("city"));
        given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/v1/properties/%00").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void metricsShowHttpHistogramsBesideTheSyncsOwn() {
        given().auth().oauth2(TestTokens.token("observed-" + System.nanoTime(), "agent-1", null, "agent"))
                .get("/api/v1/properties").then().statusCode(200);
        String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/properties\"")
                .contains("mls_photo_backlog");
    }

    @Test
    void readinessChecksTheDatabaseAndKafkaLivenessDoesNot() {
        String ready = given().get(readyUrl).then().statusCode(200).extract().asString();
        assertThat(ready).containsIgnoringCase("PostgreSQL").containsIgnoringCase("Kafka connection");
        String live = given().get(liveUrl).then().statusCode(200).extract().asString();
        assertThat(live).doesNotContainIgnoringCase("PostgreSQL").doesNotContainIgnoringCase("Kafka connection");
    }
}
