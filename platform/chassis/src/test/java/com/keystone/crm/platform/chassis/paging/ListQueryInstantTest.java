package com.keystone.crm.platform.chassis.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListQueryInstantTest {
    @Test
    void instantsFarOutsideWhatTheDatabaseHoldsAre400sNamingTheField() {
        for (String hostile : new String[]{"+1000000000-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z"}) {
            ListQuery q = new ListQuery();
            assertThat(q.instant("updatedSince", hostile)).isNull();
            assertThatThrownBy(q::validate).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().errors())
                            .extracting(f -> f.field()).containsExactly("updatedSince"));
        }
    }

    @Test
    void theEdgesOfTheRangeAndOrdinaryInstantsPass() {
        ListQuery q = new ListQuery();
        assertThat(q.instant("a", "0001-01-01T00:00:00Z")).isEqualTo(ListQuery.EARLIEST);
        assertThat(q.instant("b", "9999-12-31T23:59:59Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(q.instant("c", " 2026-01-31T17:00:00Z ")).isEqualTo(Instant.parse("2026-01-31T17:00:00Z"));
        assertThat(q.hasErrors()).isFalse();
        q.instant("d", "yesterday");
        assertThat(q.hasErrors()).isTrue();
    }

    @Test
    void aTombstoneSaysDeletedAndNamesTheSurvivorOnlyWhenMerged() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID survivor = UUID.fromString("00000000-0000-0000-0000-000000000002");
        Instant at = Instant.parse("2026-12-06T03:00:00Z");
        String deleted = json.writeValueAsString(Tombstone.of(id, at));
        assertThat(json.readTree(deleted).get("deleted").asBoolean()).isTrue();
        assertThat(json.readTree(deleted).has("mergedInto")).isFalse();
        assertThat(json.readTree(deleted).get("id").asText()).isEqualTo(id.toString());
        String merged = json.writeValueAsString(new Tombstone(id, at, survivor));
        assertThat(json.readTree(merged).get("mergedInto").asText()).isEqualTo(survivor.toString());
    }
}
