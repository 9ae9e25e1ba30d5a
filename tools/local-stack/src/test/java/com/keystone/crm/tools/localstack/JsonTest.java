package com.keystone.crm.tools.localstack;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x");
        m.put("n", 42L);
        m.put("b", false);
        m.put("l", List.of("a", 1));
        m.put("z", null);
        assertThat(Json.write(m)).isEqualTo("{\"s\":\"x\",\"n\":42,\"b\":false,\"l\":[\"a\",1],\"z\":null}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write(Arrays.asList("a\"b\\c\nd\u0001"))).isEqualTo("[\"a\\\"b\\\\c\\nd\\u0001\"]");
    }
}
