package com.keystone.crm.property.client.rets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The fallback decoder for a body read as UTF-8: every byte that is not part of a valid UTF-8 sequence is taken as a
 * windows-1252 character (what Latin-1 / Windows servers send without saying so, and what libRETS' fallback does)
 * and handed on re-encoded as UTF-8, so the XML parser never fails on it. Counts the COMPACT {@code DATA} rows that
 * held such bytes (found by their tags in the byte stream, so the count is exact however the parser buffers).
 */
final class Utf8RepairInputStream extends FilterInputStream {

    private static final Charset FALLBACK = Charset.forName("windows-1252");
    private static final byte[] OPEN = "<DATA".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</DATA>".getBytes(StandardCharsets.US_ASCII);

    private final byte[] out = new byte[16];
    private int outPos;
    private int outLen;
    private final byte[] look = new byte[4];
    private int lookLen;
    private int openMatched;
    private int closeMatched;
    private boolean inRow;
    private boolean rowRepaired;
    private long repairedRows;
    private long repairedBytes;

    Utf8RepairInputStream(InputStream in) {
        super(in);
    }

    long repairedRows() {
        return repairedRows;
    }

    long repairedBytes() {
        return repairedBytes;
    }

    @Override
    public int read() throws IOException {
        if (outPos < outLen) {
            return out[outPos++] & 0xff;
        }
        outPos = 0;
        outLen = 0;
        int b = next();
        if (b < 0) {
            return -1;
        }
        if (b < 0x80) {
            track(b);
            return b;
        }
        int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
        if (need > 0) {
            byte[] seq = new byte[need + 1];
            seq[0] = (byte) b;
            int got = 1;
            while (got <= need) {
                int c = next();
                if (c < 0 || (c & 0xC0) != 0x80) {
                    if (c >= 0) {
                        unread(c);
                    }
                    break;
                }
                seq[got++] = (byte) c;
            }
            if (got == need + 1 && valid(seq)) {
                System.arraycopy(seq, 0, out, 0, seq.length);
                outLen = seq.length;
                return out[outPos++] & 0xff;
            }
            // not UTF-8: the first byte is repaired, the bytes read after it are looked at again
            for (int i = got - 1; i >= 1; i--) {
                unread(seq[i] & 0xff);
            }
        }
        repair(b);
        return out[outPos++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            int b = n == 0 ? read() : (outPos < outLen || lookLen > 0 || super.in.available() > 0) ? read() : -2;
            if (b == -2) {
                break;
            }
            if (b < 0) {
                return n == 0 ? -1 : n;
            }
            buffer[offset + n++] = (byte) b;
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
    public boolean markSupported() {
        return false;
    }

    private void repair(int b) {
        repairedBytes++;
        if (inRow) {
            rowRepaired = true;
        }
        CharBuffer c = FALLBACK.decode(ByteBuffer.wrap(new byte[] {(byte) b}));
        byte[] utf8 = c.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        outLen = utf8.length;
    }

    /** Follows the DATA tags in the ASCII bytes. */
    private void track(int b) {
        openMatched = b == OPEN[openMatched] ? openMatched + 1 : b == OPEN[0] ? 1 : 0;
        if (openMatched == OPEN.length) {
            openMatched = 0;
            inRow = true;
            rowRepaired = false;
        }
        closeMatched = b == CLOSE[closeMatched] ? closeMatched + 1 : b == CLOSE[0] ? 1 : 0;
        if (closeMatched == CLOSE.length) {
            closeMatched = 0;
            if (inRow && rowRepaired) {
                repairedRows++;
            }
            inRow = false;
            rowRepaired = false;
        }
    }

    private static boolean valid(byte[] seq) {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(seq), CharBuffer.allocate(4), true).isUnderflow();
    }

    private int next() throws IOException {
        if (lookLen > 0) {
            return look[--lookLen] & 0xff;
        }
        return super.in.read();
    }

    private void unread(int b) {
        look[lookLen++] = (byte) b;
    }
}
