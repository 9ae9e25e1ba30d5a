package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableReaderTest {
    private final CsvTableReader reader = new CsvTableReader(1000, 50);

    private CsvTable read(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void semicolonsCrlfQuotesAndAnEmptyTrailingHeader() {
        CsvTable t = read("\uFEFF\"age\";\"job\";\"note\";\"y\";\r\n30;\"admin.\";\"a; b\";\"no\";\r\n41;\"blue-collar\";\"said \"\"hi\"\"\";\"yes\";\r\n");
        assertThat(t.delimiter()).isEqualTo(';');
        assertThat(t.headers()).containsExactly("age", "job", "note", "y");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly("30", "admin.", "a; b", "no");
        assertThat(t.rows().get(1)[2]).isEqualTo("said \"hi\"");
    }

    @Test
    void commasAndTheUsualSpellingsOfNoValue() {
        CsvTable t = read("source,budget,timeframe,converted\nzillow,NA,Select,yes\n,\"\",n/a,no\nweb,100,0-3-months,no\n");
        assertThat(t.delimiter()).isEqualTo(',');
        assertThat(t.rows().get(0)).containsExactly("zillow", null, null, "yes");
        assertThat(t.rows().get(1)).containsExactly(null, null, null, "no");
        assertThat(t.rows().get(2)).containsExactly("web", "100", "0-3-months", "no");
    }

    @Test
    void anUnnamedColumnInTheMiddleIsNamedAndReported() {
        CsvTable t = read("a,,c\n1,2,3\n");
        assertThat(t.headers()).containsExactly("a", "column_2", "c");
        assertThat(t.renamed()).hasSize(1);
    }

    @Test
    void controlCharactersInCellsAreDropped() {
        CsvTable t = read("a,b\nx\u0007y,2\n");
        assertThat(t.rows().get(0)[0]).isEqualTo("xy");
    }

    @Test
    void shortRowsArePaddedAndTabsAreSeparators() {
        CsvTable t = read("a\tb\tc\n1\t2\n");
        assertThat(t.delimiter()).isEqualTo('\t');
        assertThat(t.rows().get(0)).containsExactly("1", "2", null);
    }

    @Test
    void brokenFilesAreDataProblemsNamingTheField() {
        assertThatThrownBy(() -> read("a,a\n1,2\n")).isInstanceOf(DataProblem.class)
                .satisfies(e -> assertThat(((DataProblem) e).field()).isEqualTo("a"));
        assertThatThrownBy(() -> read("a,b\n1,2,3\n")).isInstanceOf(DataProblem.class).hasMessageContaining("Line 2");
        assertThatThrownBy(() -> read("   ")).isInstanceOf(DataProblem.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("a,b\u0000\n")).isInstanceOf(DataProblem.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> read(",,\n1,2,3\n")).isInstanceOf(DataProblem.class).hasMessageContaining("names no column");
        StringBuilder many = new StringBuilder("a\n");
        for (int i = 0; i < 1005; i++) {
            many.append(i).append('\n');
        }
        assertThatThrownBy(() -> read(many.toString())).isInstanceOf(DataProblem.class).hasMessageContaining("more than 1000 rows");
        assertThatThrownBy(() -> read("a,\"b\n1,2\n")).isInstanceOf(DataProblem.class);
    }
}
