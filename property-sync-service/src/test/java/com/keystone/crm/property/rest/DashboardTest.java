package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.client.ListingSink;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.repository.SyncRunRepository;
import com.keystone.crm.property.service.EngineHarness;
import com.keystone.crm.property.service.InMemoryFeed;
import com.keystone.crm.property.service.SyncCoordinator;
import com.keystone.crm.property.service.SyncEngine;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The ops dashboard: its JSON, and the page in a real headless Chromium. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class DashboardTest {
    static String tenant;
    static UUID provider;

    @TestHTTPResource("/admin/sync-dashboard")
    URL page;

    final SyncEngine engine;
    final SyncCoordinator coordinator;
    final SyncRunRepository runs;

    DashboardTest(SyncEngine engine, SyncCoordinator coordinator, SyncRunRepository runs) {
        this.engine = engine;
        this.coordinator = coordinator;
        this.runs = runs;
    }

    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        provider = EngineHarness.provider(tenant, "Dashboard MLS");
        InMemoryFeed feed = new InMemoryFeed();
        feed.put("D-" + UUID.randomUUID(), Instant.parse("2026-03-01T00:00:00Z"), new BigDecimal("500000"), "Active", 2);
        engine.execute(EngineHarness.claim(coordinator, runs, provider, tenant, "full", "dash"), feed, "dash");
        InMemoryFeed failing = new InMemoryFeed() {
            @Override
            public void listingsModifiedSince(Instant since, ListingSink sink) {
                throw new MlsException(MlsException.Kind.REJECTED, 200, 20208, "Maximum Records Exceeded <b>now</b>", null);
            }
        };
        engine.execute(EngineHarness.claim(coordinator, runs, provider, tenant, "incremental", "dash"), failing, "dash");
    }

    static String admin() {
        return TestTokens.token(tenant, "ops-1", null, "admin");
    }

    @Test
    void jsonShowsRunsBacklogAndErrorsByCode() {
        given().auth().oauth2(admin()).when().get("/api/v1/mls/dashboard").then().statusCode(200)
                .body("providers.size()", equalTo(1))
                .body("providers[0].id", equalTo(provider.toString()))
                .body("providers[0].lastRun.state", equalTo("failed"))
                .body("providers[0].runningRun", equalTo(null))
                .body("providers[0].watermark", equalTo("2026-03-01T00:00:00Z"))
                .body("providers[0].photoBacklog", equalTo(2))
                .body("providers[0].listings", equalTo(1))
                .body("providers[0].errors.code", hasItem("20208"))
                .body("providers[0].errors[0].lastMessage", equalTo("Maximum Records Exceeded <b>now</b>"));
        given().auth().oauth2(TestTokens.token(tenant, "agent-1", null, "agent")).when().get("/api/v1/mls/dashboard")
                .then().statusCode(403);
    }

    @Test
    void pageRendersTheDashboardInAHeadlessBrowser() throws Exception {
        ChromeDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(page + "#token=" + admin());
            wait.until(ExpectedConditions.attributeToBe(By.id("status"), "class", "loaded"));
            assertThat(browser.getCurrentUrl()).doesNotContain("token=");
            WebElement row = browser.findElement(By.cssSelector("tr[data-provider-id='" + provider + "']"));
            assertThat(row.findElement(By.className("name")).getText()).isEqualTo("Dashboard MLS (disabled)");
            assertThat(row.findElement(By.className("last-run")).getText()).contains("incremental / on-demand / failed");
            assertThat(row.findElement(By.className("photo-backlog")).getText()).isEqualTo("2");
            assertThat(row.findElement(By.className("watermark")).getText()).isEqualTo("2026-03-01T00:00:00Z");
            WebElement error = row.findElement(By.cssSelector("li.error[data-code='20208']"));
            // the server's raw message is shown as text, never interpreted as HTML
            assertThat(error.getText()).isEqualTo("20208 x1: Maximum Records Exceeded <b>now</b>");
            assertThat(row.findElements(By.tagName("b"))).isEmpty();

            // a wrong token: the page says so instead of showing data
            browser.findElement(By.id("token")).clear();
            browser.findElement(By.id("token")).sendKeys("not-a-token");
            browser.findElement(By.id("load")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("status"), "class", "failed"));
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("Failed: 401");
        } finally {
            browser.quit();
        }
    }
}
