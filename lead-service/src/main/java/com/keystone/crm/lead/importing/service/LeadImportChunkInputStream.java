package com.keystone.crm.lead.importing.service;

import java.io.InputStream;
import java.util.function.IntFunction;

/**
 * The stored file as a stream, fetching one chunk at a time (seq 0, 1, ...) when the previous one is used up:
 * at most one chunk is in memory, whatever the file's size. Blocking; for the import worker's thread.
 */
final class LeadImportChunkInputStream extends InputStream {
    private final IntFunction<byte[]> fetch;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private boolean ended;

    /** @param fetch the chunk with this seq, or null after the last one */
    LeadImportChunkInputStream(IntFunction<byte[]> fetch) {
        this.fetch = fetch;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() {
        while (position >= chunk.length) {
            if (ended) {
                return false;
            }
            byte[] next = fetch.apply(nextSeq++);
            if (next == null) {
                ended = true;
                chunk = new byte[0];
                return false;
            }
            chunk = next;
            position = 0;
        }
        return true;
    }
}
