package com.keystone.crm.tools.mlssimulator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoRendererTest {

    private final PhotoRenderer renderer = new PhotoRenderer(42L);

    @Test
    void drawsASmallRealJpeg() throws IOException {
        String key = IntStream.range(1, 50).mapToObj(i -> "KS1000001-" + i)
                .filter(k -> !renderer.isPlaceholder(k, 1)).findFirst().orElseThrow();
        byte[] jpeg = renderer.jpeg(key, 1);
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF); // SOI marker
        assertThat(jpeg.length).isBetween(1_000, 30_000);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(240);
    }

    @Test
    void sameKeyAndVersionGiveTheSameBytesAcrossInstances() {
        PhotoRenderer other = new PhotoRenderer(42L);
        for (int i = 1; i <= 20; i++) {
            assertThat(other.jpeg("KS1000007-" + i, 3)).isEqualTo(renderer.jpeg("KS1000007-" + i, 3));
        }
    }

    @Test
    void aNewVersionOrAnotherKeyGivesOtherBytes() {
        String key = IntStream.range(1, 50).mapToObj(i -> "KS1000002-" + i)
                .filter(k -> !renderer.isPlaceholder(k, 1) && !renderer.isPlaceholder(k, 2)).findFirst()
                .orElseThrow();
        assertThat(renderer.jpeg(key, 2)).isNotEqualTo(renderer.jpeg(key, 1));
    }

    @Test
    void aboutOnePhotoInTenIsTheSharedPlaceholder() {
        long placeholders = IntStream.range(0, 2_000)
                .filter(i -> renderer.isPlaceholder("KS" + (1_000_000 + i / 10) + "-" + (i % 10 + 1), 1)).count();
        assertThat(placeholders).isBetween(140L, 260L);
        byte[][] shared = IntStream.range(0, 200).mapToObj(i -> "KS1000100-" + i)
                .filter(k -> renderer.isPlaceholder(k, 1)).limit(2).map(k -> renderer.jpeg(k, 1))
                .toArray(byte[][]::new);
        assertThat(shared).hasNumberOfRows(2);
        assertThat(Arrays.equals(shared[0], shared[1])).isTrue();
    }

    @Test
    void photosComeFromAPoolDrawnOnceYetEachVersionHasItsOwnValidBytes() throws Exception {
        java.util.Set<String> distinct = new java.util.HashSet<>();
        int served = 0;
        for (int listing = 0; listing < 300; listing++) {
            for (int photo = 1; photo <= 10; photo++) {
                String key = "KS" + (2_000_000 + listing) + "-" + photo;
                if (renderer.isPlaceholder(key, 1)) {
                    continue;
                }
                byte[] jpeg = renderer.jpeg(key, 1);
                served++;
                distinct.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jpeg)));
                if (served % 97 == 0) {
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
                    assertThat(img).as(key).isNotNull();
                    assertThat(img.getWidth()).isEqualTo(PhotoRenderer.WIDTH);
                    assertThat(new String(jpeg, java.nio.charset.StandardCharsets.ISO_8859_1)).contains(key + "@1");
                }
            }
        }
        assertThat(distinct).hasSize(served);
        assertThat(renderer.renderedImages()).isBetween(1, PhotoRenderer.POOL_SIZE);
    }

    @Test
    void theCommentGoesAfterTheJfifHeader() {
        byte[] jfif = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 1, 2, (byte) 0xFF, (byte) 0xD9};
        byte[] out = PhotoRenderer.withComment(jfif, "k@1");
        assertThat(out).containsExactly(0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xFE, 0, 5, 'k', '@', '1', 0xFF, 0xD9);
        byte[] bare = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        assertThat(PhotoRenderer.withComment(bare, "x")).containsExactly(0xFF, 0xD8, 0xFF, 0xFE, 0, 3, 'x', 0xFF, 0xD9);
    }
}
