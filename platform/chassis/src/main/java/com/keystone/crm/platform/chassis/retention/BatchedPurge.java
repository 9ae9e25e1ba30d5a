package com.keystone.crm.platform.chassis.retention;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Deletes the rows of one table that match a condition, in small batches that each commit on their own: a batch
 * locks only the rows it deletes, and skips rows another transaction holds ({@code SKIP LOCKED}), so writers never
 * wait on a purge and two replicas purging at once take different rows. A run stops after {@code maxRows}.
 *
 * @param table     the table
 * @param condition the SQL condition of the rows to delete (trusted code, with {@code ?} parameters)
 * @param params    the condition's parameters
 */
public record BatchedPurge(String table, String condition, List<Object> params) {

    String sql() {
        return "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + condition
                + " LIMIT ? FOR UPDATE SKIP LOCKED))";
    }

    /** Deletes up to {@code maxRows} matching rows, {@code batchSize} per transaction; answers how many went. */
    public long run(DataSource db, int batchSize, long maxRows) {
        long total = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql())) {
            c.setAutoCommit(true);
            while (total < maxRows) {
                int limit = (int) Math.min(batchSize, maxRows - total);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                ps.setInt(params.size() + 1, limit);
                int deleted = ps.executeUpdate();
                total += deleted;
                if (deleted < limit) {
                    break; // nothing more to delete now (or the rest is locked by a writer: next run)
                }
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("purge of " + table + " after " + total + " rows", e);
        }
    }
}
