package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DateColumnTest {
    static DateColumn detect(String... cells) {
        return DateColumn.detect(Arrays.asList(cells));
    }

    @Test
    void isoDatesWithOrWithoutTimesAndOffsets() {
        DateColumn c = detect("2024-05-31", "2024-05-31T14:00:00Z", null, "2024-05-31 14:00", "2024-06-01T09:30:00+02:00");
        assertThat(c.order()).isEqualTo(DateColumn.Order.ISO);
        assertThat(c.parse("2024-05-31 14:00")).isEqualTo(Instant.parse("2024-05-31T14:00:00Z"));
        assertThat(c.parse("2024-06-01T09:30:00+02:00")).isEqualTo(Instant.parse("2024-06-01T07:30:00Z"));
        assertThat(c.assumed()).isFalse();
    }

    @Test
    void aUsExportIsMonthFirstWithAmPm() {
        DateColumn c = detect("3/15/2024 2:05 PM", "12/01/2024 12:30 AM", "1/2/2024");
        assertThat(c.order()).isEqualTo(DateColumn.Order.MONTH_FIRST);
        assertThat(c.assumed()).isFalse();
        assertThat(c.parse("3/15/2024 2:05 PM")).isEqualTo(Instant.parse("2024-03-15T14:05:00Z"));
        assertThat(c.parse("12/01/2024 12:30 AM")).isEqualTo(Instant.parse("2024-12-01T00:30:00Z"));
        assertThat(c.parse("1/2/2024")).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(c.describe()).contains("month/day/year").doesNotContain("assumed");
    }

    @Test
    void aEuropeanExportIsDayFirst() {
        DateColumn c = detect("15.03.2024 14:05", "01.02.2024", "28-02-2023 08:00:15");
        assertThat(c.order()).isEqualTo(DateColumn.Order.DAY_FIRST);
        assertThat(c.parse("01.02.2024")).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(c.parse("28-02-2023 08:00:15")).isEqualTo(Instant.parse("2023-02-28T08:00:15Z"));
    }

    @Test
    void whenNoValueTellsMonthFirstIsAssumedAndSaid() {
        DateColumn c = detect("01/02/2024", "03/04/2024");
        assertThat(c.order()).isEqualTo(DateColumn.Order.MONTH_FIRST);
        assertThat(c.assumed()).isTrue();
        assertThat(c.describe()).contains("assumed");
        assertThat(c.parse("03/04/2024")).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
    }

    @Test
    void mixedOrImpossibleValuesAreNoDateColumn() {
        assertThat(detect("15/03/2024", "03/15/2024")).as("day-first and month-first together").isNull();
        assertThat(detect("2024-03-15", "03/15/2024")).as("ISO and numeric together").isNull();
        assertThat(detect("2/30/2024", "3/15/2024")).as("no 30 February").isNull();
        assertThat(detect("3/15/2024 13:00 PM")).as("13 PM").isNull();
        assertThat(detect("99/99/9999")).isNull();
        assertThat(detect("soon")).isNull();
        assertThat(detect("20240531")).isNull();
        assertThat(detect((String) null)).as("nothing present").isNull();
        assertThat(DateColumn.detect(List.of())).isNull();
        assertThat(detect("3/15/2024".repeat(10))).isNull();
    }

    @Test
    void aCellOfAnotherFormatIsNotReadAsThisColumnsDate() {
        DateColumn iso = detect("2024-05-31");
        assertThat(iso.parse("5/31/2024")).isNull();
        assertThat(iso.parse(null)).isNull();
        DateColumn us = detect("3/15/2024");
        assertThat(us.parse("2024-05-31")).isNull();
    }
}
