package com.keystone.crm.platform.chassis.persistence;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonParameterTest {
    @Test
    void valuesTravelAsOneJsonDocumentQuotesAndAll() {
        assertThat(JsonParameter.of(List.of("a\"b", "c"))).isEqualTo("[\"a\\\"b\",\"c\"]");
        Map<String, String> sids = new LinkedHashMap<>();
        sids.put("k", "SM1");
        assertThat(JsonParameter.of(sids)).isEqualTo("{\"k\":\"SM1\"}");
        assertThat(JsonParameter.of(List.of())).isEqualTo("[]");
        assertThatThrownBy(() -> JsonParameter.of(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSqlSideUnpacksTheTextParameter() {
        assertThat(JsonParameter.jsonb(2)).isEqualTo("cast(cast(?2 as text) as jsonb)");
        assertThat(JsonParameter.elements(1)).isEqualTo("jsonb_array_elements_text(cast(cast(?1 as text) as jsonb))");
        assertThat(JsonParameter.objectKeys(3)).isEqualTo("jsonb_object_keys(cast(cast(?3 as text) as jsonb))");
        assertThatThrownBy(() -> JsonParameter.jsonb(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
