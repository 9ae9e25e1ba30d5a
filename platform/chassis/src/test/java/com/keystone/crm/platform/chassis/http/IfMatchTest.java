package com.keystone.crm.platform.chassis.http;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {
    @Test
    void matchingTagsPass() {
        assertThatCode(() -> IfMatch.require("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.require("\"2\", \"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.require("*", 7)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.require("3", 3)).doesNotThrowAnyException();
    }

    /** Issue #17: If-Match compares strongly (RFC 9110 13.1.1); a weak tag never matches. */
    @Test
    void aWeakTagNeverMatches() {
        assertThatThrownBy(() -> IfMatch.require("W/\"3\"", 3)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(412));
        assertThatCode(() -> IfMatch.require("W/\"3\", \"3\"", 3)).doesNotThrowAnyException();
    }

    @Test
    void aStaleTagIs412AndAMissingOne428() {
        assertThatThrownBy(() -> IfMatch.require("\"2\"", 3)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(412));
        assertThatThrownBy(() -> IfMatch.require(null, 3)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(428));
        assertThatThrownBy(() -> IfMatch.require(" ", 3)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(428));
    }
}
