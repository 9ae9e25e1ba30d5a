package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COMPACT bodies written from RETS 1.7.2 §7.4 (and what real servers do to it), parsed as a stream. */
class CompactParserTest {

    private static final class Recorder implements CompactHandler {
        int code = -1;
        String text;
        Long count;
        boolean maxRows;
        List<String> columns;
        final List<List<String>> rows = new ArrayList<>();
        final List<String> elements = new ArrayList<>();
        String response;

        @Override
        public void reply(int c, String t) {
            code = c;
            text = t;
        }

        @Override
        public void count(long records) {
            count = records;
        }

        @Override
        public void maxRows() {
            maxRows = true;
        }

        @Override
        public void columns(List<String> names) {
            columns = names;
        }

        @Override
        public void row(List<String> values) {
            rows.add(values);
        }

        @Override
        public void element(String name, Map<String, String> attributes) {
            elements.add(name + attributes);
        }

        @Override
        public void response(String body) {
            response = body;
        }
    }

    private static Recorder parse(byte[] body, String charset) throws Exception {
        Recorder r = new Recorder();
        CompactParser.parse(new ByteArrayInputStream(body), charset, r);
        return r;
    }

    private static Recorder parse(String body) throws Exception {
        return parse(body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void readsCountColumnsRowsAndMaxRows() throws Exception {
        Recorder r = parse("""
                <?xml version="1.0"?>
                <RETS ReplyCode="0" ReplyText="Operation Successful">
                <COUNT Records="1234"/>
                <DELIMITER value="09"/>
                <COLUMNS>\tLIST_1\tLIST_22\tLIST_78\t</COLUMNS>
                <DATA>\tKS1\t250000.00\tNice &amp; quiet\t</DATA>
                <DATA>\tKS2\t\t\t</DATA>
                <MAXROWS/>
                </RETS>
                """);
        assertThat(r.code).isZero();
        assertThat(r.text).isEqualTo("Operation Successful");
        assertThat(r.count).isEqualTo(1234);
        assertThat(r.columns).containsExactly("LIST_1", "LIST_22", "LIST_78");
        assertThat(r.rows).containsExactly(List.of("KS1", "250000.00", "Nice & quiet"), List.of("KS2", "", ""));
        assertThat(r.maxRows).isTrue();
    }

    @Test
    void honoursAnotherDelimiterWrittenWithOneHexDigitAndRowsWithoutOuterDelimiters() throws Exception {
        Recorder r = parse("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"7C\"/>"
                + "<COLUMNS>A|B|C</COLUMNS><DATA>1|2|3</DATA></RETS>");
        assertThat(r.columns).containsExactly("A", "B", "C");
        assertThat(r.rows).containsExactly(List.of("1", "2", "3"));
        assertThat(CompactParser.delimiter("9")).isEqualTo('\t');
        assertThat(CompactParser.delimiter(null)).isEqualTo('\t');
    }

    @Test
    void keepsCrLfAndSpacesInsideValues() throws Exception {
        Recorder r = parse("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tK\tR\t</COLUMNS>"
                + "<DATA>\tK1\t line one\r\nline two \t</DATA></RETS>");
        assertThat(r.rows.get(0)).containsExactly("K1", " line one\nline two ");
    }

    @Test
    void aReplyCodeWithoutRowsIsReported() throws Exception {
        Recorder r = parse("<RETS ReplyCode=\"20201\" ReplyText=\"No Records Found\"/>");
        assertThat(r.code).isEqualTo(20201);
        assertThat(r.rows).isEmpty();
    }

    @Test
    void survivesLoneSurrogateReferencesAndRawControlBytes() throws Exception {
        byte[] body = ("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tK\tR\t</COLUMNS>"
                + "<DATA>\tK1\tGreat view &#xD83D;&#xDE0A; \u0001&#128522; &#65;&#x1;\t</DATA></RETS>").getBytes(StandardCharsets.UTF_8);
        Recorder r = parse(body, null);
        assertThat(r.rows.get(0).get(1)).isEqualTo("Great view \uFFFD\uFFFD \uD83D\uDE0A A\uFFFD");
    }

    @Test
    void readsIso88591ByTheDeclaredCharsetOrTheXmlDeclaration() throws Exception {
        String doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><RETS ReplyCode=\"0\" ReplyText=\"ok\">"
                + "<COLUMNS>\tK\tC\t</COLUMNS><DATA>\tK1\tSão José, Montréal\t</DATA></RETS>";
        byte[] latin1 = doc.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(latin1, "ISO-8859-1").rows.get(0).get(1)).isEqualTo("São José, Montréal");
        assertThat(parse(latin1, null).rows.get(0).get(1)).isEqualTo("São José, Montréal");
    }

    @Test
    void reportsMetadataElementsAndTheLoginResponse() throws Exception {
        Recorder r = parse("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><METADATA-SYSTEM Version=\"1\" Date=\"d\">"
                + "<SYSTEM SystemID=\"S\" TimeZoneOffset=\"-05:00\"/></METADATA-SYSTEM>"
                + "<RETS-RESPONSE>\nSearch=/s\n</RETS-RESPONSE></RETS>");
        assertThat(r.elements).containsExactly("METADATA-SYSTEM{Version=1, Date=d}", "SYSTEM{SystemID=S, TimeZoneOffset=-05:00}");
        assertThat(r.response).contains("Search=/s");
    }

    @Test
    void aBodyThatIsNotXmlFails() {
        assertThatThrownBy(() -> parse("<html><body>oops</body>")).isInstanceOf(Exception.class);
    }

    @Test
    void splitHandlesEmptyLines() {
        assertThat(CompactParser.split("", '\t')).isEmpty();
        assertThat(CompactParser.split("\t\t", '\t')).containsExactly(""); // one empty value of a one-column row
        assertThat(CompactParser.split("\n\ta\tb\t\n", '\t')).containsExactly("a", "b");
    }
}
