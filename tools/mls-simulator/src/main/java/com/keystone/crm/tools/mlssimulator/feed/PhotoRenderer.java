package com.keystone.crm.tools.mlssimulator.feed;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Listing photos from a pool of pre-rendered 320x240 JPEGs (10,000 listings x 10 photos would not fit in memory as
 * bytes, and drawing and encoding each one on request made the simulator half of a benchmark's CPU): a photo is the
 * pool image its seed, MediaKey and version pick, with a JPEG comment segment naming key and version inserted after
 * the JFIF header, so every photo version has its own bytes (a real upload, not a deduplicated one) at the cost of one
 * array copy. One photo in ten (by a hash of key and version) is the shared placeholder, byte-identical everywhere,
 * so content-hash dedupe is observable. No text is drawn: headless JDKs may have no fonts.
 */
public final class PhotoRenderer {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    /** Distinct images drawn once per simulator (about 10 KB each). */
    public static final int POOL_SIZE = 48;

    private final long seed;
    private final byte[] placeholder;
    private final byte[][] pool = new byte[POOL_SIZE][];
    private final AtomicInteger rendered = new AtomicInteger();

    public PhotoRenderer(long seed) {
        this.seed = seed;
        this.placeholder = encode(drawPlaceholder());
    }

    public boolean isPlaceholder(String mediaKey, int version) {
        return Math.floorMod(mix(mediaKey, version), 10) == 0;
    }

    /** The JPEG bytes of this photo version; a caller must not modify the array. */
    public byte[] jpeg(String mediaKey, int version) {
        if (isPlaceholder(mediaKey, version)) {
            return placeholder;
        }
        long mix = mix(mediaKey, version);
        return withComment(image(Math.floorMod(mix >>> 8, POOL_SIZE)), mediaKey + "@" + version);
    }

    /** How many images this renderer drew (at most the pool's size, however many photos it served). */
    public int renderedImages() {
        return rendered.get();
    }

    private byte[] image(int slot) {
        byte[] img = pool[slot];
        if (img == null) {
            synchronized (pool) {
                img = pool[slot];
                if (img == null) {
                    img = encode(draw(new SplittableRandom(seed * 31 + slot)));
                    rendered.incrementAndGet();
                    pool[slot] = img;
                }
            }
        }
        return img;
    }

    /** The JPEG with a COM segment (FF FE, length, text) after SOI and the JFIF APP0 segment, if any. */
    static byte[] withComment(byte[] jpeg, String text) {
        byte[] comment = text.getBytes(StandardCharsets.US_ASCII);
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int segment = 4 + comment.length;
        byte[] out = new byte[jpeg.length + segment];
        System.arraycopy(jpeg, 0, out, 0, at);
        out[at] = (byte) 0xFF;
        out[at + 1] = (byte) 0xFE;
        out[at + 2] = (byte) ((comment.length + 2) >>> 8);
        out[at + 3] = (byte) (comment.length + 2);
        System.arraycopy(comment, 0, out, at + 4, comment.length);
        System.arraycopy(jpeg, at, out, at + segment, jpeg.length - at);
        return out;
    }

    private long mix(String mediaKey, int version) {
        long h = seed ^ 0x632BE59BD9B4E019L;
        for (int i = 0; i < mediaKey.length(); i++) {
            h = (h ^ mediaKey.charAt(i)) * 0x100000001B3L;
        }
        h ^= version * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    private static BufferedImage draw(SplittableRandom rnd) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            // sky, lawn, a house with a roof, windows and a door: enough structure for a realistic JPEG size
            g.setColor(new Color(120 + rnd.nextInt(100), 160 + rnd.nextInt(80), 200 + rnd.nextInt(55)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(40 + rnd.nextInt(60), 120 + rnd.nextInt(80), 40 + rnd.nextInt(60)));
            g.fillRect(0, 170, WIDTH, 70);
            int x = 40 + rnd.nextInt(80);
            int w = 140 + rnd.nextInt(60);
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            g.fillRect(x, 100, w, 80);
            g.setColor(new Color(rnd.nextInt(120), rnd.nextInt(80), rnd.nextInt(80)));
            g.fillPolygon(new int[] {x - 10, x + w / 2, x + w + 10}, new int[] {100, 50 + rnd.nextInt(20), 100}, 3);
            g.setColor(new Color(230, 230, 180));
            for (int i = 0; i < 3; i++) {
                g.fillRect(x + 12 + i * (w / 3), 115, 22, 18);
            }
            g.setColor(new Color(90, 50, 20));
            g.fillRect(x + w / 2 - 10, 145, 20, 35);
            g.setColor(new Color(255, 230, 120));
            g.fillOval(250 + rnd.nextInt(40), 15 + rnd.nextInt(20), 30, 30);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static BufferedImage drawPlaceholder() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(210, 210, 210));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(150, 150, 150));
            g.fillPolygon(new int[] {100, 160, 220}, new int[] {120, 70, 120}, 3);
            g.fillRect(115, 120, 90, 60);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static byte[] encode(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
