package com.keystone.crm.platform.chassis.problem;

import com.keystone.crm.platform.chassis.ChassisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** crm.http.max-body-bytes is 4096 in the test application. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class BodySizeLimitFilterTest {
    static final int LIMIT = 4096;

    /** A valid ProbeBody of exactly {@code bytes} bytes. */
    static String bodyOf(int bytes) {
        String head = "{\"name\":\"ok\",\"address\":{\"city\":\"Denver\",\"zip\":\"";
        String tail = "\"}}";
        String json = head + "9".repeat(bytes - head.length() - tail.length()) + tail;
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return json;
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        given().contentType(ContentType.JSON).body(bodyOf(LIMIT + 1))
                .when().post("/test/problems/validated")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(Problem.TYPE_BASE + "payload-too-large"))
                .body("title", equalTo("Content Too Large"))
                .body("status", equalTo(413))
                .body("detail", containsString(Integer.toString(LIMIT)))
                .body("instance", equalTo("/test/problems/validated"));
    }

    @Test
    void aBodyAtTheLimitPasses() {
        given().contentType(ContentType.JSON).body(bodyOf(LIMIT))
                .when().post("/test/problems/validated")
                .then().statusCode(200).body("name", equalTo("ok"));
    }

    @Test
    void aContentLengthThatIsNotANumberIsA400() {
        // HTTP servers refuse such a header before any filter runs; the filter still answers it
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class},
                (proxy, method, args) -> method.getName().equals("getHeaderString") ? "12abc" : null);
        Response r = new BodySizeLimitFilter(LIMIT).limitBodySize(request);
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat((String) r.getEntity()).contains(Problem.TYPE_BASE + "bad-request");
    }

    @Test
    void aRequestWithoutContentLengthIsLeftToTheServer() {
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (proxy, method, args) -> null);
        assertThat(new BodySizeLimitFilter(LIMIT).limitBodySize(request)).isNull();
    }

    @Test
    void theLimitHoldsBeforeRoutingAndAuthentication() {
        given().contentType(ContentType.JSON).body(bodyOf(LIMIT * 4))
                .when().post("/test/widgets")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aDeclaredUploadRouteHasItsOwnLimitAndOnlyThere() {
        long upload = com.keystone.crm.platform.chassis.testapp.ProbeUploadLimit.LIMIT;
        given().contentType(ContentType.TEXT).body("x".repeat(LIMIT * 2))
                .when().post("/test/problems/upload")
                .then().statusCode(200).body(equalTo(Integer.toString(LIMIT * 2)));
        given().contentType(ContentType.TEXT).body("x".repeat((int) upload))
                .when().post("/test/problems/upload/")
                .then().statusCode(200);
        given().contentType(ContentType.TEXT).body("x".repeat((int) upload + 1))
                .when().post("/test/problems/upload")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString(Long.toString(upload)))
                .body("instance", equalTo("/test/problems/upload"));
        // the upload's limit is not the route's neighbours': the JSON route keeps the platform limit
        given().contentType(ContentType.JSON).body(bodyOf(LIMIT * 2))
                .when().post("/test/problems/validated")
                .then().statusCode(413);
    }

    @Test
    void anUploadLimitMatchesItsMethodAndPathOnly() {
        UploadLimit u = new UploadLimit("post", "/api/v1/uploads/", 10);
        assertThat(u.method()).isEqualTo("POST");
        assertThat(u.path()).isEqualTo("/api/v1/uploads");
        assertThat(u.matches("POST", "/api/v1/uploads")).isTrue();
        assertThat(u.matches("POST", "/api/v1/uploads/")).isTrue();
        assertThat(u.matches("PUT", "/api/v1/uploads")).isFalse();
        assertThat(u.matches("POST", "/api/v1/uploads/1")).isFalse();
        assertThat(u.matches("POST", null)).isFalse();
        BodySizeLimitFilter filter = new BodySizeLimitFilter(LIMIT, java.util.List.of(u));
        assertThat(filter.limitFor("POST", "/api/v1/uploads")).isEqualTo(10);
        assertThat(filter.limitFor("GET", "/api/v1/uploads")).isEqualTo(LIMIT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UploadLimit.post("/x", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
