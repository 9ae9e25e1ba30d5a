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

    @Test
    void metricsShowHttpHistogramsBesideTheSyncsOwn() {
        given().auth().oauth2(TestTokens.token("observed-" + System.nanoTime(), "agent-1", null, "agent"))
                .get("/api/v1/properties").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/properties\"")
                .contains("mls_photo_backlog");
    }

    @Test
    void readinessChecksTheDatabaseAndKafkaLivenessDoesNot() {
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).containsIgnoringCase("PostgreSQL").containsIgnoringCase("Kafka connection");
        String live = given().get("/q/health/live").then().statusCode(200).extract().asString();
        assertThat(live).doesNotContainIgnoringCase("PostgreSQL").doesNotContainIgnoringCase("Kafka connection");
    }
}
