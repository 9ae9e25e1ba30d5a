package com.keystone.crm.platform.chassis.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The field names a problem's {@code errors[].field} carries, from bean-validation paths and Jackson paths. */
class ProblemMappersTest {
    static ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    // --- a small bean with the shapes a request body has -------------------------------------------------

    static class Address {
        @NotBlank
        String city;

        Address(String city) {
            this.city = city;
        }
    }

    static class Item {
        @Min(1)
        int qty;

        Item(int qty) {
            this.qty = qty;
        }
    }

    static class Body {
        @NotBlank
        String name;
        @Valid
        Address address;
        List<@Valid Item> items;
        List<@Email String> emails;

        Body(String name, Address address, List<Item> items, List<String> emails) {
            this.name = name;
            this.address = address;
            this.items = items;
            this.emails = emails;
        }

        @AssertTrue(message = "needs a name or an address")
        boolean isIdentifiable() {
            return name != null || address != null;
        }
    }

    static class Endpoint {
        public void create(@Valid @NotNull Body request) {
        }

        public void createMany(List<@Valid Item> items) {
        }
    }

    static Body okBody() {
        return new Body("Jane", new Address("Denver"), List.of(new Item(1)), List.of("jane@example.com"));
    }

    static String field(Set<? extends ConstraintViolation<?>> violations) {
        assertThat(violations).hasSize(1);
        return ProblemMappers.fieldName(violations.iterator().next().getPropertyPath());
    }

    static Set<ConstraintViolation<Endpoint>> parameters(String method, Class<?> type, Object arg) throws NoSuchMethodException {
        Method m = Endpoint.class.getMethod(method, type);
        return validator.forExecutables().validateParameters(new Endpoint(), m, new Object[]{arg});
    }

    // --- fieldName ----------------------------------------------------------------------------------------

    @Test
    void aPropertyIsItsName() {
        Body b = okBody();
        b.name = " ";
        assertThat(field(validator.validate(b))).isEqualTo("name");
    }

    @Test
    void aNestedPropertyIsDotted() {
        Body b = okBody();
        b.address = new Address("");
        assertThat(field(validator.validate(b))).isEqualTo("address.city");
    }

    @Test
    void aPropertyOfAListElementHasTheIndex() {
        Body b = okBody();
        b.items = List.of(new Item(1), new Item(0));
        assertThat(field(validator.validate(b))).isEqualTo("items[1].qty");
    }

    @Test
    void aGetterConstraintIsNamedAfterTheProperty() {
        Body b = okBody();
        b.name = null;
        b.address = null;
        Set<ConstraintViolation<Body>> v = validator.validate(b);
        assertThat(v).extracting(x -> ProblemMappers.fieldName(x.getPropertyPath())).containsExactlyInAnyOrder("name", "identifiable");
    }

    @Test
    void theMethodAndParameterNodesAreDropped() throws NoSuchMethodException {
        Body b = okBody();
        b.address = new Address(null);
        assertThat(field(parameters("create", Body.class, b))).isEqualTo("address.city");
    }

    @Test
    void aMissingBodyIsTheBody() throws NoSuchMethodException {
        assertThat(field(parameters("create", Body.class, null))).isEqualTo("(body)");
    }

    /** Bug: the container-element node's name {@code <list element>} leaks into the field (see report). */
    @Test
    void aContainerElementIsTheListWithTheIndex() {
        Body b = okBody();
        b.emails = List.of("jane@example.com", "not-an-email");
        assertThat(field(validator.validate(b))).isEqualTo("emails[1]");
    }

    /** Bug: an index on the first node is dropped, so a list body's errors lose the element (see report). */
    @Test
    void anElementOfAListBodyKeepsItsIndex() throws NoSuchMethodException {
        assertThat(field(parameters("createMany", List.class, List.of(new Item(1), new Item(0))))).isEqualTo("[1].qty");
    }

    // --- jsonPath -----------------------------------------------------------------------------------------

    record JsonItem(int qty) {
    }

    record JsonBody(String name, int quantity, List<JsonItem> items, List<List<Integer>> grid) {
    }

    static String jsonPathOf(String json) {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> new ObjectMapper().readValue(json, JsonBody.class));
        assertThat(e).as("Jackson refuses " + json).isNotNull();
        return ProblemMappers.jsonPath(e.getPath());
    }

    @Test
    void jsonPathOfATopLevelField() {
        assertThat(jsonPathOf("{\"quantity\":\"many\"}")).isEqualTo("quantity");
    }

    @Test
    void jsonPathIntoAListOfObjects() {
        assertThat(jsonPathOf("{\"items\":[{\"qty\":1},{\"qty\":\"x\"}]}")).isEqualTo("items[1].qty");
    }

    @Test
    void jsonPathIntoNestedLists() {
        assertThat(jsonPathOf("{\"grid\":[[1],[2,\"x\"]]}")).isEqualTo("grid[1][1]");
    }

    @Test
    void jsonPathOfTheRootIsEmpty() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> new ObjectMapper().readValue("[1]", JsonBody.class));
        assertThat(ProblemMappers.jsonPath(e.getPath())).isEmpty();
    }

    @Test
    void jsonPathFromReferences() {
        List<JsonMappingException.Reference> path = List.of(
                new JsonMappingException.Reference(null, 2),
                new JsonMappingException.Reference(null, "emails"),
                new JsonMappingException.Reference(null, 0),
                new JsonMappingException.Reference(null, "domain"));
        assertThat(ProblemMappers.jsonPath(path)).isEqualTo("[2].emails[0].domain");
        assertThat(ProblemMappers.jsonPath(List.of())).isEmpty();
    }
}
