package com.keystone.crm.platform.chassis.paging;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTest {
    static final CursorCodec CODEC = new CursorCodec("a-test-secret-of-some-length");
    static final Keyset LEADS = CODEC.list("leads:-updatedAt");

    @Test
    void aCursorRoundTripsItsKeysAndId() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        String token = LEADS.encode(Cursor.at(id, at, new BigDecimal("42.50"), null, 7));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(LEADS.name()).isEqualTo("leads:-updatedAt");

        Cursor c = LEADS.decode(token);
        assertThat(c.uuid()).isEqualTo(id);
        assertThat(c.instant(0)).isEqualTo(at);
        assertThat(c.decimal(1)).isEqualByComparingTo("42.50");
        assertThat(c.key(2)).isNull();
        assertThat(c.instant(2)).isNull();
        assertThat(c.intKey(3)).isEqualTo(7);
        assertThat(c.longKey(3)).isEqualTo(7L);
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(LEADS.decode(null)).isNull();
        assertThat(LEADS.decode(" ")).isNull();
    }

    @Test
    void aCursorOfAnotherListOrSortIsRefused() {
        String token = LEADS.encode(Cursor.at(UUID.randomUUID(), Instant.now()));
        assertRefused(() -> CODEC.list("leads:updatedAt").decode(token));
        assertRefused(() -> CODEC.list("notes").decode(token));
    }

    @Test
    void aCursorSignedWithAnotherSecretIsRefused() {
        String token = new CursorCodec("another-secret-of-some-length").list("leads:-updatedAt")
                .encode(Cursor.at(UUID.randomUUID(), Instant.now()));
        assertRefused(() -> LEADS.decode(token));
        // replicas configured alike read each other's cursors
        String same = new CursorCodec("a-test-secret-of-some-length").list("leads:-updatedAt")
                .encode(Cursor.at("row-1", "k"));
        assertThat(LEADS.decode(same).id()).isEqualTo("row-1");
    }

    @Test
    void aForgedPayloadIsRefused() {
        String token = LEADS.encode(Cursor.at("row-1", "2026-01-01T00:00:00Z"));
        String signature = token.substring(token.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"k\":[\"2030-01-01T00:00:00Z\"],\"i\":\"row-1\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> LEADS.decode(forged + signature));
    }

    @Test
    void garbageIsRefused() {
        for (String bad : List.of("bogus", "%%%", "a.b.c", ".", "bm90LWEtY3Vyc29y", "e30.AAAA", "!!.??")) {
            assertRefused(() -> LEADS.decode(bad));
        }
    }

    @Test
    void aSignedCursorOfAnotherShapeIsRefusedWhenRead() {
        Cursor c = LEADS.decode(LEADS.encode(Cursor.at("not-a-uuid", "not-an-instant")));
        assertRefused(c::uuid);
        assertRefused(() -> c.instant(0));
        assertRefused(() -> c.key(1));
    }

    @Test
    void aShortSecretIsAConfigurationError() {
        assertThatThrownBy(() -> new CursorCodec("short")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPageTakesOneRowMoreThanTheLimitAsTheSignOfANextPage() {
        List<Integer> rows = List.of(1, 2, 3);
        Page<String> page = LEADS.page(rows, 2, String::valueOf, r -> Cursor.at(r));
        assertThat(page.items()).containsExactly("1", "2");
        assertThat(LEADS.decode(page.nextCursor()).id()).isEqualTo("2");

        Page<String> last = LEADS.page(List.of(1, 2), 2, String::valueOf, r -> Cursor.at(r));
        assertThat(last.items()).containsExactly("1", "2");
        assertThat(last.nextCursor()).isNull();
        assertThat(last.map(s -> s + "!").items()).containsExactly("1!", "2!");
        assertThat(Page.last(List.of("x")).nextCursor()).isNull();
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidCursorException.class)
                .satisfies(e -> {
                    ProblemException p = (ProblemException) e;
                    assertThat(p.problem().status()).isEqualTo(400);
                    assertThat(p.problem().type()).endsWith("/invalid-cursor");
                    assertThat(p.problem().errors()).extracting(f -> f.field()).containsExactly("cursor");
                });
    }
}
