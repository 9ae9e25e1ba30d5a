package com.keystone.crm.platform.chassis.http;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IfNoneMatchTest {
    @Test
    void theCurrentTagMatchesStronglyOrWeakly() {
        assertThat(IfNoneMatch.matches("\"3\"", "3")).isTrue();
        assertThat(IfNoneMatch.matches("W/\"3\"", "3")).isTrue();
        assertThat(IfNoneMatch.matches("\"1\", \"3\"", "3")).isTrue();
        assertThat(IfNoneMatch.matches("*", "3")).isTrue();
    }

    @Test
    void anOtherMissingOrMalformedTagDoesNotMatch() {
        assertThat(IfNoneMatch.matches("\"2\"", "3")).isFalse();
        assertThat(IfNoneMatch.matches(null, "3")).isFalse();
        assertThat(IfNoneMatch.matches("  ", "3")).isFalse();
        assertThat(IfNoneMatch.matches("\"", "3")).isFalse();
        assertThat(IfNoneMatch.matches("\"33\"", "3")).isFalse();
    }

    @Test
    void aCurrentCopyGets304WithTheTagAndNoBody() {
        try (Response notModified = IfNoneMatch.ok("body", "3", "\"3\"")) {
            assertThat(notModified.getStatus()).isEqualTo(304);
            assertThat(notModified.getEntityTag().getValue()).isEqualTo("3");
            assertThat(notModified.hasEntity()).isFalse();
        }
        try (Response fresh = IfNoneMatch.ok("body", "4", "\"3\"")) {
            assertThat(fresh.getStatus()).isEqualTo(200);
            assertThat(fresh.getEntityTag().getValue()).isEqualTo("4");
            assertThat(fresh.getEntityTag().isWeak()).isFalse();
            assertThat(fresh.getEntity()).isEqualTo("body");
        }
    }
}
