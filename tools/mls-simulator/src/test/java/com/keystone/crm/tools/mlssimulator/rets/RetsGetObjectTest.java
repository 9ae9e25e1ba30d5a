package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;

import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.TestHttp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetsGetObjectTest {

    private static MlsSimulator sim;
    private static RetsTestClient client;

    record Part(Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimulatorOptions.builder().listings(20).photosPerListing(3).seed(42L).build());
        client = new RetsTestClient(sim, "rets-user", "rets-pass");
        client.login();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        sim.close();
    }

    private static RetsTestClient.Reply getObject(String id, String location) {
        return client.transaction("getobject", Map.of("Resource", "Property", "Type", "Photo", "ID", id,
                "Location", location));
    }

    /** Splits a multipart body on its boundary (RFC 2046). */
    static List<Part> parts(RetsTestClient.Reply r) {
        String type = r.header("Content-Type");
        assertThat(type).startsWith("multipart/parallel");
        String boundary = type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
        byte[] body = r.body();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + delimiter.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                starts.add(i);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int p = 0; p + 1 < starts.size(); p++) {
            int from = starts.get(p) + delimiter.length + 2; // CRLF after the boundary line
            int to = starts.get(p + 1) - 2; // the CRLF before the next delimiter belongs to it
            int headerEnd = from;
            while (!(body[headerEnd] == '\r' && body[headerEnd + 1] == '\n' && body[headerEnd + 2] == '\r'
                    && body[headerEnd + 3] == '\n')) {
                headerEnd++;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, from, headerEnd - from, StandardCharsets.US_ASCII).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, headerEnd + 4, to)));
        }
        assertThat(new String(body, starts.get(starts.size() - 1), delimiter.length + 2, StandardCharsets.US_ASCII))
                .isEqualTo("--" + boundary + "--");
        return parts;
    }

    @Test
    void allPhotosOfAListingAsMultipartParallel() throws Exception {
        RetsTestClient.Reply r = getObject("KS1000004:*", "0");
        assertThat(r.status()).isEqualTo(200);
        List<Part> parts = parts(r);
        assertThat(parts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Part p = parts.get(i);
            assertThat(p.headers()).containsEntry("Content-Type", "image/jpeg").containsEntry("Content-ID", "KS1000004")
                    .containsEntry("Object-ID", String.valueOf(i + 1));
            assertThat(p.body()).isEqualTo(sim.feed().photo("KS1000004-" + (i + 1)).orElseThrow());
            assertThat(ImageIO.read(new ByteArrayInputStream(p.body())).getWidth()).isEqualTo(320);
        }
        assertThat(parts.get(0).headers()).containsEntry("Preferred", "1");
    }

    @Test
    void aMissingObjectIsAn20403PartAmongGoodOnes() {
        List<Part> parts = parts(getObject("KS1000004:1:9:2,KS9999999:*", "0"));
        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).headers()).containsEntry("Content-Type", "image/jpeg");
        assertThat(parts.get(1).headers()).containsEntry("Content-Type", "text/xml").containsEntry("Object-ID", "9");
        assertThat(new String(parts.get(1).body(), StandardCharsets.UTF_8)).contains("ReplyCode=\"20403\"");
        assertThat(parts.get(2).headers()).containsEntry("Object-ID", "2").containsEntry("Content-Type", "image/jpeg");
        assertThat(parts.get(3).headers()).containsEntry("Content-ID", "KS9999999");
        assertThat(new String(parts.get(3).body(), StandardCharsets.UTF_8)).contains("ReplyCode=\"20403\"");
    }

    @Test
    void locationOnePointsAtTheMediaUrls() {
        List<Part> parts = parts(getObject("KS1000005:*", "1"));
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.body()).isEmpty());
        String url = parts.get(1).headers().get("Location");
        assertThat(url).isEqualTo(sim.baseUrl() + "/media/KS1000005-2.jpg");
        assertThat(TestHttp.get(url).body()).isEqualTo(sim.feed().photo("KS1000005-2").orElseThrow());
    }

    @Test
    void oneNumberedObjectIsAPlainEntity() {
        RetsTestClient.Reply r = getObject("KS1000006:2", "0");
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.header("Content-ID")).isEqualTo("KS1000006");
        assertThat(r.header("Object-ID")).isEqualTo("2");
        assertThat(r.body()).isEqualTo(sim.feed().photo("KS1000006-2").orElseThrow());
        RetsTestClient.Reply preferred = getObject("KS1000006:0", "0");
        assertThat(preferred.header("Object-ID")).isEqualTo("1");
        assertThat(getObject("KS1000006", "0").body()).isEqualTo(preferred.body());
        RetsTestClient.Reply located = getObject("KS1000006:3", "1");
        assertThat(located.header("Location")).isEqualTo(sim.baseUrl() + "/media/KS1000006-3.jpg");
        assertThat(located.body()).isEmpty();
    }

    @Test
    void errorsAreRetsReplies() {
        assertThat(getObject("KS1000006:7", "0").text()).contains("ReplyCode=\"20403\"");
        assertThat(client.transaction("getobject", Map.of("Resource", "Property", "Type", "Video", "ID",
                "KS1000006:1")).text()).contains("ReplyCode=\"20401\"");
        assertThat(client.transaction("getobject", Map.of("Resource", "Agent", "Type", "Photo", "ID",
                "KS1000006:1")).text()).contains("ReplyCode=\"20400\"");
        assertThat(client.transaction("getobject", Map.of("Resource", "Property", "Type", "Photo")).text())
                .contains("ReplyCode=\"20402\"");
        assertThat(getObject("KS1000006:x", "0").text()).contains("ReplyCode=\"20402\"");
    }

    @Test
    void changedPhotosComeBackWithNewBytes() {
        byte[] before = getObject("KS1000007:*", "0").body();
        while (!sim.feed().changePhotos(20).contains("KS1000007")) {
            // changePhotos picks from the seed; 20 of 20 listings always includes it
        }
        assertThat(getObject("KS1000007:*", "0").body()).isNotEqualTo(before);
    }
}
