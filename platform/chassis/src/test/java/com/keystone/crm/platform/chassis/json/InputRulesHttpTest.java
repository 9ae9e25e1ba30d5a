package com.keystone.crm.platform.chassis.json;

import com.keystone.crm.platform.chassis.ChassisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Issue #17: duplicate keys, trailing tokens, control characters (body, path, query, header), dates and numbers out
 * of range are 400 problems naming the field, in every service (the chassis's ObjectMapper rules and filters).
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class InputRulesHttpTest {
    static final String BODY = "/test/hardening/body";

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(BODY).then();
    }

    static ValidatableResponse refused(ValidatableResponse r, String field) {
        return r.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        refused(post("{\"text\":\"a\",\"text\":\"b\"}"), "text").body("errors[0].message", containsString("more than once"));
        refused(post("{\"nested\":{\"name\":\"a\",\"name\":\"b\"}}"), "nested.name");
        refused(post("{\"items\":[{\"name\":\"a\"},{\"name\":\"a\",\"name\":\"b\"}]}"), "items[1].name");
    }

    @Test
    void trailingTokensAfterTheJsonValueAreRefused() {
        post("{\"text\":\"a\"}}").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/malformed-json"));
        post("{\"text\":\"a\"} {\"text\":\"b\"}").statusCode(400).contentType("application/problem+json");
        post("{\"text\":\"a\"}  \n").statusCode(200);
    }

    @Test
    void anEmptyBodyIsAProblemNotA500() {
        given().contentType(ContentType.JSON).body("").post(BODY).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void controlCharactersInBodyStringsAreRefusedNamingTheField() {
        refused(post("{\"text\":\"a\\u0000b\"}"), "text").body("errors[0].message", containsString("U+0000"));
        refused(post("{\"tags\":[\"ok\",\"b\\u001bc\"]}"), "tags[1]");
        refused(post("{\"nested\":{\"name\":\"x\\u007f\"}}"), "nested.name");
        refused(post("{\"text\":\"lone \\ud800 surrogate\"}"), "text");
        // free text keeps its line breaks and tabs, and real non-ASCII text passes
        post("{\"text\":\"line 1\\nline 2\\tTab \\u00e9\\ud83d\\ude00\"}").statusCode(200)
                .body("text", equalTo("line 1\nline 2\tTab é\uD83D\uDE00"));
    }

    @Test
    void datesOutsideYearsOneTo9999AreRefused() {
        refused(post("{\"at\":\"+999999999-12-31T23:59:59Z\"}"), "at").body("errors[0].message", containsString("out of range"));
        refused(post("{\"at\":\"-000001-01-01T00:00:00Z\"}"), "at");
        refused(post("{\"day\":\"+10000-01-01\"}"), "day");
        post("{\"at\":\"9999-12-31T23:59:59Z\",\"day\":\"0001-01-01\"}").statusCode(200);
    }

    @Test
    void numbersOutOfRangeAreRefused() {
        refused(post("{\"ratio\":1e400}"), "ratio");
        refused(post("{\"amount\":1e308}"), "amount");
        refused(post("{\"amount\":0.00000000000000000001}"), "amount");
        post("{\"amount\":123456789.25,\"ratio\":0.5}").statusCode(200).body("ratio", equalTo(0.5f));
    }

    @Test
    void controlCharactersInPathAndQueryParametersAreRefusedNamingThem() {
        refused(given().urlEncodingEnabled(false).get("/test/hardening/items/a%00b").then(), "key");
        refused(given().urlEncodingEnabled(false).get("/test/hardening/items/a?tag=%00").then(), "tag");
        refused(given().urlEncodingEnabled(false).get("/test/hardening/items/a?tag=line%0Abreak").then(), "tag");
        given().get("/test/hardening/items/ä?tag=ok").then().statusCode(200).body("key", equalTo("ä"));
    }

    @Test
    void aControlCharacterInAHeaderValueIsRefusedNamingTheHeader() throws IOException {
        String answer = raw("GET /test/hardening/items/a HTTP/1.1\r\nHost: localhost\r\nX-Reason: a\tb\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("header X-Reason");
    }

    @Test
    void aLongListOfBadItemsGetsACappedListOfErrors() {
        // the chassis test application's body limit is 4 KB: 300 items fit (a service's 1 MB fits 80,000)
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 300; i++) {
            items.append(i == 0 ? "" : ",").append("{\"name\":\"\"}");
        }
        items.append("]}");
        String body = given().contentType(ContentType.JSON).body(items.toString()).post(BODY).then().statusCode(400)
                .body("errors", hasSize(50)).body("detail", containsString("300 invalid fields")).extract().asString();
        assertThat(body.length()).isLessThan(5_000);
    }

    @Test
    void apiAnswersAreNotStored() {
        given().get("/test/hardening/items/a").then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void anOverlongUriIsA414Problem() throws IOException {
        String tooLong = raw("GET /test/hardening/items/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(tooLong).startsWith("HTTP/1.1 414").contains("application/problem+json");
    }

    @Test
    void aMalformedUriIsA400ProblemNamingWhatIsWrong() throws IOException {
        // Quarkus refused these before any route ran, with an empty 400 (UriProblemsHandover hands the check over)
        for (String uri : new String[]{"/test/hardening/items/a%zz", "/test/hardening/items/a?tag=%zz", "/test/hardening/items/a?tag=50%"}) {
            String answer = raw("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(uri).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"type\":\"https://keystone-crm.dev/problems/invalid-uri\"")
                    .contains("The request URI is not valid: malformed escape pair at index")
                    .contains(uri.contains("?") ? "(in the query)" : "(in the path)");
        }
        String notUtf8 = raw("GET /test/hardening/items/a%FF%FE HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(notUtf8).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("not UTF-8");
        String braces = raw("GET /test/hardening/items/{a} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(braces).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("illegal character in path");
        // well-formed escapes still reach the resource, decoded
        given().urlEncodingEnabled(false).get("/test/hardening/items/a%20b?tag=50%25").then().statusCode(200)
                .body("key", equalTo("a b")).body("tag", equalTo("50%"));
    }

    @Test
    void aScalarOfTheWrongJsonTypeIsRefusedNamingTheField() {
        // a number or boolean where a string is declared used to become its text ("name": 12345 → "12345")
        refused(post("{\"text\":12345}"), "text").body("errors[0].message", equalTo("text must be a JSON string"));
        refused(post("{\"text\":true}"), "text");
        refused(post("{\"tags\":[\"ok\",7]}"), "tags[1]");
        refused(post("{\"nested\":{\"name\":1.5}}"), "nested.name");
        // a string where a number or boolean is declared
        refused(post("{\"amount\":\"350000\"}"), "amount").body("errors[0].message", equalTo("amount must be a JSON number"));
        refused(post("{\"ratio\":\"0.5\"}"), "ratio");
        refused(post("{\"count\":\"12\"}"), "count").body("errors[0].message", containsString("without a fraction"));
        refused(post("{\"count\":\"\"}"), "count");
        refused(post("{\"count\":1.5}"), "count");
        refused(post("{\"active\":\"true\"}"), "active").body("errors[0].message", equalTo("active must be true or false"));
        refused(post("{\"active\":1}"), "active");
        // an enum's index, and a date as seconds since 1970
        refused(post("{\"kind\":1}"), "kind");
        refused(post("{\"at\":1700000000}"), "at").body("errors[0].message", containsString("ISO 8601"));
        // the declared types pass
        post("{\"text\":\"12345\",\"amount\":350000,\"ratio\":0.5,\"count\":12,\"active\":true,\"kind\":\"SELLER\",\"at\":\"2024-01-01T00:00:00Z\"}")
                .statusCode(200).body("text", equalTo("12345")).body("count", equalTo(12)).body("active", equalTo(true))
                .body("kind", equalTo("SELLER"));
    }

    static String raw(String request) throws IOException {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
