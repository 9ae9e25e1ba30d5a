package com.keystone.crm.property.client.rets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes a RETS body well-formed enough for StAX before it reaches the parser: numeric character references to
 * characters XML 1.0 forbids (lone surrogates such as {@code &#xD83D;}, control characters) become
 * {@code &#xFFFD;}, and raw control bytes are dropped. Works on the bytes of ASCII-compatible encodings (UTF-8,
 * ISO-8859-1, Windows-1252), where no byte below 0x80 is part of a multi-byte character.
 */
public final class XmlCharRefFilterInputStream extends FilterInputStream {

    /** What follows the '&' already handed out. */
    private static final byte[] REPLACEMENT = "#xFFFD;".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REF = 12;

    private final byte[] pending = new byte[MAX_REF + 2];
    private int pendingPos;
    private int pendingLen;
    private int pushedBack = -2;
    private long replaced;

    public XmlCharRefFilterInputStream(InputStream in) {
        super(in);
    }

    /** How many references or bytes were replaced or dropped so far. */
    public long replaced() {
        return replaced;
    }

    @Override
    public int read() throws IOException {
        if (pendingPos < pendingLen) {
            return pending[pendingPos++] & 0xff;
        }
        while (true) {
            int b = next();
            if (b < 0) {
                return -1;
            }
            if (isForbiddenControl(b)) {
                replaced++;
                continue;
            }
            if (b != '&') {
                return b;
            }
            return characterReference();
        }
    }

    private int characterReference() throws IOException {
        int c = next();
        if (c != '#') {
            pushedBack = c;
            return '&';
        }
        byte[] ref = new byte[MAX_REF];
        int n = 0;
        boolean terminated = false;
        while (n < MAX_REF) {
            c = next();
            if (c == ';') {
                terminated = true;
                break;
            }
            if (c < 0 || !(Character.digit(c, 16) >= 0 || c == 'x' || c == 'X')) {
                pushedBack = c;
                break;
            }
            ref[n++] = (byte) c;
        }
        if (terminated && !allowed(new String(ref, 0, n, StandardCharsets.US_ASCII))) {
            replaced++;
            System.arraycopy(REPLACEMENT, 0, pending, 0, REPLACEMENT.length);
            pendingLen = REPLACEMENT.length;
        } else {
            pending[0] = '#';
            System.arraycopy(ref, 0, pending, 1, n);
            pendingLen = n + 1;
            if (terminated) {
                pending[pendingLen++] = ';';
            }
        }
        pendingPos = 0;
        return '&';
    }

    private static boolean allowed(String digits) {
        try {
            long cp = digits.startsWith("x") || digits.startsWith("X")
                    ? Long.parseLong(digits.substring(1), 16) : Long.parseLong(digits);
            return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
        } catch (NumberFormatException e) {
            return true; // not a number reference we understand: leave it to the parser
        }
    }

    private static boolean isForbiddenControl(int b) {
        return b < 0x20 && b != 0x9 && b != 0xA && b != 0xD;
    }

    private int next() throws IOException {
        if (pushedBack != -2) {
            int b = pushedBack;
            pushedBack = -2;
            return b;
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
            if (pendingPos >= pendingLen && pushedBack == -2 && in.available() <= 0 && n > 0) {
                break; // hand over what we have rather than block for more
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return pendingLen - pendingPos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
