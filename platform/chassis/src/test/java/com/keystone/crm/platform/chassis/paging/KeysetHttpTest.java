package com.keystone.crm.platform.chassis.paging;

import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A keyset-paginated list over real PostgreSQL: pages in order without repeats, bad cursors are 400s. */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class KeysetHttpTest {
    static String token(String tenant) {
        return TestTokens.token(tenant, "agent-kim", null, "agent");
    }

    static List<String> walk(String tenant, String sort) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token(tenant)).queryParam("limit", 2);
            if (sort != null) {
                request.queryParam("sort", sort);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/test/widgets").then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("items.name", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        return names;
    }

    static void create(String tenant, String name) {
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/test/widgets/idempotent").then().statusCode(201);
    }

    @Test
    void pagesWalkEveryRowOnceInOrder() {
        String tenant = "keyset-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            create(tenant, "w" + i);
            created.add("w" + i);
        }
        assertThat(walk(tenant, "createdAt")).containsExactlyElementsOf(created);
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(walk(tenant, null)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aGarbledForgedOrForeignCursorIsA400NamingTheField() {
        String tenant = "keyset-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            create(tenant, "x" + i);
        }
        String newestFirst = given().auth().oauth2(token(tenant)).queryParam("limit", 1).get("/test/widgets")
                .then().statusCode(200).extract().path("nextCursor");
        int dot = newestFirst.indexOf('.');
        String flipped = newestFirst.charAt(dot - 1) == 'A' ? "B" : "A";
        String tampered = newestFirst.substring(0, dot - 1) + flipped + newestFirst.substring(dot);
        for (String[] bad : new String[][] {{"bogus", null}, {tampered, null}, {newestFirst, "createdAt"}}) {
            var request = given().auth().oauth2(token(tenant)).queryParam("cursor", bad[0]);
            if (bad[1] != null) {
                request.queryParam("sort", bad[1]); // a cursor of the other sort order
            }
            request.get("/test/widgets").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(Problem.TYPE_BASE + "invalid-cursor"))
                    .body("errors.field", hasItem("cursor"));
        }
    }
}
