package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** multipart/parallel GetObject bodies per RETS 1.7.2 §5.6, with a 20403 part among good ones and folded headers. */
class GetObjectReaderTest {

    private static final String TYPE = "multipart/parallel; boundary=\"simple boundary\"";
    private static final String BODY = "preamble\r\n"
            + "--simple boundary\r\n"
            + "Content-Type: image/jpeg\r\nContent-ID: K1\r\nObject-ID: 1\r\n"
            + "Location: http://media.example/\r\n K1-1.jpg\r\n\r\n"
            + "JPEG-ONE\r\n"
            + "--simple boundary\r\n"
            + "Content-Type: text/xml\r\nContent-ID: K1\r\nObject-ID: 2\r\n\r\n"
            + "<RETS ReplyCode=\"20403\" ReplyText=\"No Object Found\"/>\r\n"
            + "--simple boundary\r\n"
            + "Content-Type: image/jpeg\r\nContent-ID: K1\r\nObject-ID: 3\r\n\r\n"
            + "JPEG-THREE\r\n"
            + "--simple boundary--\r\n";

    @Test
    void streamsEachPartWithUnfoldedHeaders() throws Exception {
        List<String> seen = new ArrayList<>();
        GetObjectReader.read(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.US_ASCII)), TYPE, (part, body) -> {
            seen.add(part.objectId() + "|" + part.contentType() + "|" + part.location() + "|"
                    + new String(body.readAllBytes(), StandardCharsets.US_ASCII).trim());
            return true;
        });
        assertThat(seen).containsExactly("1|image/jpeg|http://media.example/ K1-1.jpg|JPEG-ONE",
                "2|text/xml|null|<RETS ReplyCode=\"20403\" ReplyText=\"No Object Found\"/>", "3|image/jpeg|null|JPEG-THREE");
    }

    @Test
    void stopsWhenTheHandlerSaysSoAndOpensTheFirstPart() throws Exception {
        List<String> seen = new ArrayList<>();
        GetObjectReader.read(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.US_ASCII)), TYPE, (part, body) -> seen.add(part.objectId()) && false);
        assertThat(seen).containsExactly("1");
        GetObjectReader.FirstPart first = GetObjectReader.first(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.US_ASCII)), TYPE);
        assertThat(first.part().contentId()).isEqualTo("K1");
        assertThat(new String(first.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("JPEG-ONE");
        assertThat(GetObjectReader.isMultipart(TYPE)).isTrue();
        assertThat(GetObjectReader.isMultipart("image/jpeg")).isFalse();
        assertThat(GetObjectReader.isMultipart(null)).isFalse();
    }
}
