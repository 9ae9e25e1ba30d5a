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
        assertThat(t.notes()).hasSize(1);
    }

    @Test
    void excelsWindowsAndUnicodeExportsAreReadInTheirEncoding() {
        // "CSV" from Excel on Windows: Windows-1252, where é is one byte 0xE9 and € is 0x80
        byte[] cp1252 = "agent;budget;converted\r\nJosé;€ 250.000;yes\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        CsvTable t = new CsvTableReader(100, 10).read(cp1252);
        assertThat(t.rows().get(0)).containsExactly("José", "€ 250.000", "yes");
        assertThat(t.notes()).containsExactly("the file is not UTF-8: read as Windows-1252");
        // "Unicode text": UTF-16 little-endian with its byte order mark, tab-separated
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = "agent\tconverted\r\nZoë\tno\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] utf16 = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, utf16, 0, 2);
        System.arraycopy(body, 0, utf16, 2, body.length);
        CsvTable u = new CsvTableReader(100, 10).read(utf16);
        assertThat(u.delimiter()).isEqualTo('\t');
        assertThat(u.headers()).containsExactly("agent", "converted");
        assertThat(u.rows().get(0)).containsExactly("Zoë", "no");
        assertThat(u.notes()).isEmpty();
        // valid UTF-8 is UTF-8, with nothing to say
        assertThat(read("agent,converted\nJosé,yes\n").notes()).isEmpty();
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
