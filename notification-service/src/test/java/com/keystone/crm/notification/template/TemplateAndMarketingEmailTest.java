package com.keystone.crm.notification.template;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.Mailboxes;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Templates (versions, declared variables, preview) and a marketing email with RFC 8058 one-click unsubscribe. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class TemplateAndMarketingEmailTest {
    static final String TENANT = "templates-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = TestTokens.token(TENANT, "admin-1", "team-1", "admin");
    final TestProviders providers = TestProviders.get();

    String save(Map<String, Object> template) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(template)
                .post("/api/v1/templates").then().statusCode(201).extract().path("id");
    }

    @Test
    void templatesAreCheckedOnSaveVersionedAndPreviewedWithSegments() {
        String key = "listing-alert-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> sms = Map.of("key", key, "channel", "sms", "text", "Hi {firstName}, {address} just listed",
                "variables", List.of("firstName", "address"));
        String v1 = save(sms);
        String v2 = save(sms);
        given().auth().oauth2(admin).get("/api/v1/templates/" + v2).then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(admin).get("/api/v1/templates?key=" + key + "&limit=1").then().statusCode(200)
                .body("items[0].id", equalTo(v2)).body("nextCursor", org.hamcrest.Matchers.notNullValue());

        // an undeclared variable, a namespace, a broken expression: 422 naming the problem
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "sms", "text", "Hi {firstName} {secret}", "variables", List.of("firstName")))
                .post("/api/v1/templates").then().statusCode(422).body("detail", containsString("secret"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "sms", "text", "{config:crm.notify.link-secret}", "variables", List.of()))
                .post("/api/v1/templates").then().statusCode(422).body("detail", containsString("namespace"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "sms", "text", "Hi {#if}", "variables", List.of()))
                .post("/api/v1/templates").then().statusCode(422);
        // an agent may not save templates
        given().auth().oauth2(TestTokens.token(TENANT, "agent-1", "team-1", "agent")).contentType(ContentType.JSON).body(sms)
                .post("/api/v1/templates").then().statusCode(403);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("variables", Map.of("firstName", "Ana", "address", "12 Elm St")))
                .post("/api/v1/templates/" + v1 + "/preview").then().statusCode(200)
                .body("text", equalTo("Hi Ana, 12 Elm St just listed"))
                .body("sms.encoding", equalTo("GSM-7")).body("sms.segments", equalTo(1));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("variables", Map.of("firstName", "Ana 🏡", "address", "x".repeat(70))))
                .post("/api/v1/templates/" + v1 + "/preview").then().statusCode(200)
                .body("sms.encoding", equalTo("UCS-2")).body("sms.segments", equalTo(2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("variables", Map.of("firstName", "Ana")))
                .post("/api/v1/templates/" + v1 + "/preview").then().statusCode(422).body("detail", containsString("address"));
        // another tenant's template is not found
        given().auth().oauth2(TestTokens.token("other", "admin-9", "team-9", "admin")).get("/api/v1/templates/" + v1)
                .then().statusCode(404);
    }

    @Test
    void aMarketingEmailFromATemplateCarriesOneClickUnsubscribeAndTheLinkSuppresses() throws Exception {
        String key = "newsletter";
        save(Map.of("key", key, "channel", "email", "subject", "Homes for {firstName}",
                "text", "Hello {firstName}", "html", "<p>Hello {firstName}</p>", "variables", List.of("firstName")));
        String to = "Reader-" + UUID.randomUUID() + "@Example.com";
        String sent = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", "k-" + to)
                .body(Map.of("channel", "email", "category", "marketing", "to", Map.of("email", to),
                        "templateKey", key, "variables", Map.of("firstName", "<Ana>")))
                .post("/api/v1/notifications").then().statusCode(202).extract().path("id");
        // the same Idempotency-Key: the same delivery
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", "k-" + to)
                .body(Map.of("channel", "email", "category", "marketing", "to", Map.of("email", to),
                        "templateKey", key, "variables", Map.of("firstName", "<Ana>")))
                .post("/api/v1/notifications").then().statusCode(202).body("id", equalTo(sent));

        String address = to.toLowerCase();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Mailboxes.to(providers.smtpA, address).size() == 1);
        MimeMessage mail = Mailboxes.to(providers.smtpA, address).get(0);
        assertThat(mail.getSubject()).isEqualTo("Homes for <Ana>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(header).startsWith("<" + providers.baseUrl() + "/unsubscribe?t=").endsWith(">");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hello <Ana>").contains("Unsubscribe: ");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("<p>Hello &lt;Ana&gt;</p>");
        assertThat(Requests.column("template_version", UUID.fromString(sent))).isEqualTo("1");

        URI link = URI.create(header.substring(1, header.length() - 1));
        String path = link.getRawPath() + "?" + link.getRawQuery();
        given().get(path).then().statusCode(200).body(containsString(address));
        assertThat(Db.count("SELECT count(*) FROM suppression WHERE address = ?", address)).isZero();
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(path).then().statusCode(200);
        CapturedEvent optedOut = KafkaEvents.awaitEvent("contact.opted-out", e -> e.value().get("address").asText().equals(address));
        KafkaEvents.assertSchemaValid(optedOut);
        assertThat(optedOut.value().get("source").asText()).isEqualTo("unsubscribe-link");
        // a tampered link does nothing
        given().post(path.replace("t=", "t=x")).then().statusCode(400).contentType("application/problem+json");

        UUID marketing = UUID.randomUUID();
        Requests.publish(Requests.email(TENANT, marketing, to, "marketing").build());
        UUID suppressed = Requests.awaitStatus(TENANT, marketing, "failed");
        assertThat(Requests.column("failure_reason", suppressed)).isEqualTo("suppressed");
        UUID reset = UUID.randomUUID();
        Requests.publish(Requests.email(TENANT, reset, to, "transactional").withSubject("Password reset").build());
        Requests.awaitStatus(TENANT, reset, "sent");
    }

    @Test
    void aSendMissingADeclaredVariableFailsNamingIt() {
        save(Map.of("key", "reminder", "channel", "sms", "text", "Showing at {time}", "variables", List.of("time")));
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, requestId, "+12025550199", "transactional").withBody(null)
                .withTemplateKey("reminder").withTemplateVariables(Map.of("other", "x")).build());
        UUID id = Requests.awaitStatus(TENANT, requestId, "failed");
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        assertThat(failed.value().get("reason").asText()).isEqualTo("other");
        assertThat(failed.value().get("errorMessage").asText()).contains("time");
        assertThat(providers.twilioA.messagesTo("+12025550199")).isEmpty();
    }
}
