package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlCharRefFilterInputStreamTest {

    private static String filter(String in) throws IOException {
        try (XmlCharRefFilterInputStream f = new XmlCharRefFilterInputStream(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)))) {
            return new String(f.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void replacesForbiddenReferencesAndKeepsTheRest() throws IOException {
        assertThat(filter("a&#xD83D;b")).isEqualTo("a&#xFFFD;b");
        assertThat(filter("&#55357;")).isEqualTo("&#xFFFD;");
        assertThat(filter("&#x0;&#8;")).isEqualTo("&#xFFFD;&#xFFFD;");
        assertThat(filter("&#x1F60A;&#65;&#x9;&amp;&lt;")).isEqualTo("&#x1F60A;&#65;&#x9;&amp;&lt;");
    }

    @Test
    void leavesUnterminatedOrOddReferencesAndAmpersandsAlone() throws IOException {
        assertThat(filter("&#x12")).isEqualTo("&#x12");
        assertThat(filter("&#x12<b>")).isEqualTo("&#x12<b>");
        assertThat(filter("&&#xD800;")).isEqualTo("&&#xFFFD;");
        assertThat(filter("&")).isEqualTo("&");
        assertThat(filter("&#")).isEqualTo("&#");
    }

    @Test
    void dropsRawControlBytesButKeepsTabsAndNewlinesAndMultibyteText() throws IOException {
        assertThat(filter("a\u0000b\u0007c\td\r\ne é 😊")).isEqualTo("abc\td\r\ne é 😊");
    }

    @Test
    void countsAndSkips() throws IOException {
        try (XmlCharRefFilterInputStream f = new XmlCharRefFilterInputStream(new ByteArrayInputStream("\u0001&#xD800;xyz".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(f.skip(9)).isEqualTo(9); // "&#xFFFD;" and 'x'
            assertThat(f.read()).isEqualTo('y');
            assertThat(f.replaced()).isEqualTo(2);
            assertThat(f.markSupported()).isFalse();
            assertThat(f.read(new byte[0], 0, 0)).isZero();
        }
    }
}
