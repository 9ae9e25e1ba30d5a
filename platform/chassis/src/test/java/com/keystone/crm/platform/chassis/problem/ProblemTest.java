package com.keystone.crm.platform.chassis.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 9457 body: stable type URIs, nulls omitted, errors only for validation. */
class ProblemTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(Problem p) throws Exception {
        return JSON.readTree(ProblemResponses.json(p));
    }

    @Test
    void aFullProblemHasEveryMember() throws Exception {
        Problem p = Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                .withInstance("/api/v1/leads")
                .withErrors(List.of(new Problem.FieldError("email", "must be a well-formed email address")));
        JsonNode body = json(p);
        assertThat(body.get("type").asText()).isEqualTo("https://keystone-crm.dev/problems/validation");
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body.get("status").isInt()).isTrue();
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("detail").asText()).isEqualTo("The request has invalid fields");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/leads");
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("email");
        assertThat(body.get("errors").get(0).get("message").asText()).isEqualTo("must be a well-formed email address");
        List<String> members = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void nullMembersAreOmitted() throws Exception {
        JsonNode body = json(Problem.of("not-found", "Not Found", 404, null));
        assertThat(body.has("detail")).isFalse();
        assertThat(body.has("instance")).isFalse();
        assertThat(body.has("errors")).isFalse();
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void withersKeepTheOtherMembers() {
        Problem base = Problem.of("conflict", "Conflict", 409, "taken");
        Problem p = base.withErrors(List.of(new Problem.FieldError("name", "taken"))).withInstance("/x");
        assertThat(p.type()).isEqualTo(base.type());
        assertThat(p.errors()).hasSize(1);
        assertThat(p.instance()).isEqualTo("/x");
        assertThat(base.instance()).isNull();
    }

    @Test
    void responsesAreProblemJsonWithAStringBody() throws Exception {
        Response r = ProblemResponses.of(Problem.of("conflict", "Conflict", 409, "taken"));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(r.getEntity()).isInstanceOf(String.class);
        assertThat(JSON.readTree((String) r.getEntity()).get("detail").asText()).isEqualTo("taken");
        assertThat(r.getHeaderString("WWW-Authenticate")).isNull();
    }

    @Test
    void a401AsksForABearerToken() {
        Response r = ProblemResponses.of(Problem.of("unauthenticated", "Unauthorized", 401, null));
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void exceptionFactoriesCarryStatusTitleAndType() {
        check(() -> ProblemException.notFound("Lead 42"), 404, "Not Found", "not-found", "Lead 42 was not found");
        check(() -> ProblemException.conflict("dup", "d"), 409, "Conflict", "dup", "d");
        check(() -> ProblemException.preconditionFailed("d"), 412, "Precondition Failed", "precondition-failed", "d");
        check(() -> ProblemException.unprocessable("u", "d"), 422, "Unprocessable Content", "u", "d");
        check(() -> ProblemException.forbidden("f", "d"), 403, "Forbidden", "f", "d");
        check(() -> ProblemException.unauthorized("a", "d"), 401, "Unauthorized", "a", "d");
        check(() -> ProblemException.badRequest("b", "d"), 400, "Bad Request", "b", "d");
    }

    @Test
    void theExceptionMessageIsTitleAndDetail() {
        assertThat(ProblemException.conflict("dup", "taken").getMessage()).isEqualTo("Conflict: taken");
        assertThat(new ProblemException(Problem.of("x", "Conflict", 409, null)).getMessage()).isEqualTo("Conflict");
    }

    static void check(Supplier<ProblemException> factory, int status, String title, String slug, String detail) {
        Problem p = factory.get().problem();
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.title()).isEqualTo(title);
        assertThat(p.type()).isEqualTo(Problem.TYPE_BASE + slug);
        assertThat(p.detail()).isEqualTo(detail);
        assertThat(p.instance()).isNull();
        assertThat(p.errors()).isNull();
    }
}
