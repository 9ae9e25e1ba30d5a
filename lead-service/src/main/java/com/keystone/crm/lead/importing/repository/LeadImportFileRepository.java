package com.keystone.crm.lead.importing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/** An import's uploaded file, stored as numbered chunks so it is never read or written whole. */
@ApplicationScoped
public class LeadImportFileRepository {
    public Uni<Void> insertChunk(UUID jobId, int seq, byte[] data) {
        return Panache.getSession().chain(s -> s
                        .createNativeQuery("INSERT INTO lead_import_file_chunk (job_id, seq, data) VALUES (?1, ?2, ?3)")
                        .setParameter(1, jobId).setParameter(2, seq).setParameter(3, data)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The chunk's bytes, or null after the last chunk. */
    public Uni<byte[]> chunk(UUID jobId, int seq) {
        return Panache.getSession().chain(s -> s
                        .createNativeQuery("SELECT data FROM lead_import_file_chunk WHERE job_id = ?1 AND seq = ?2", Object.class)
                        .setParameter(1, jobId).setParameter(2, seq)
                        .getResultList())
                .map((List<Object> rows) -> rows.isEmpty() ? null : bytes(rows.get(0)));
    }

    public Uni<Void> deleteAll(UUID jobId) {
        return Panache.getSession().chain(s -> s
                        .createNativeQuery("DELETE FROM lead_import_file_chunk WHERE job_id = ?1")
                        .setParameter(1, jobId).executeUpdate())
                .replaceWithVoid();
    }

    // the reactive driver's bytea type depends on the path the value takes; accept each form it may take
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer bb) {
            byte[] b = new byte[bb.remaining()];
            bb.get(b);
            return b;
        }
        if (value instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        throw new IllegalStateException("unexpected bytea value " + value.getClass());
    }
}
